import { getIssuer } from "~/certificates/issuer.server";

/** The issuer's Open Badges Profile (the credentials' `issuer.id`), naming its signing key. */
export async function loader() {
  const { profile } = await getIssuer();
  return new Response(JSON.stringify(profile, null, 2), {
    headers: {
      "Content-Type": "application/ld+json; charset=utf-8",
      "Cache-Control": "public, max-age=3600",
      "Access-Control-Allow-Origin": "*",
    },
  });
}
