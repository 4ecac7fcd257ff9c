// Baseline: the lesson page's HTML as a static file, through the same express + compression +
// express.static stack that scripts/start.ts serves build/client with.
import compression from "compression";
import express from "express";
import { clustered } from "./cluster";

clustered(() => {
  const app = express();
  app.disable("x-powered-by");
  app.use(compression());
  app.use(express.static(process.env.STATIC_DIR!, { maxAge: "1h" }));
  const server = app.listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
});
