// Baseline: Node's http hello-world, the ceiling of this machine for any Node server.
import http from "node:http";
import { clustered } from "./cluster";

clustered(() => {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, { "Content-Type": "text/plain; charset=utf-8" });
    response.end("Hello, world!\n");
  });
  server.listen(Number(process.env.PORT), "127.0.0.1");
  process.on("SIGTERM", () => server.close(() => process.exit(0)));
});
