import { getIssuerJwks } from "~/certificates/issuer.server";

/** The issuer's public key(s) as a JSON Web Key Set. */
export async function loader() {
  return new Response(JSON.stringify(await getIssuerJwks(), null, 2), {
    headers: {
      "Content-Type": "application/json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
