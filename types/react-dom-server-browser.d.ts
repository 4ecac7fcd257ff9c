// react-dom 18 ships a web-streams server build at "react-dom/server.browser"; @types/react-dom
// declares its functions only under "react-dom/server".
declare module "react-dom/server.browser" {
  export { renderToReadableStream } from "react-dom/server";
}
