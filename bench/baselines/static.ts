// Baseline: the lesson page's HTML as a static file, through the same express + compression +
// express.static stack (and compression settings) that scripts/serve.js serves build/client with.
import compression from "compression";
import express from "express";
import { COMPRESSION } from "../../scripts/serve.js";
import { clustered } from "./cluster";

clustered(() => {
  const app = express();
  app.disable("x-powered-by");
  app.use(compression(COMPRESSION));
  app.use(express.static(process.env.STATIC_DIR!, { maxAge: "1h" }));
  const server = app.listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
});
