import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { z } from "zod";
import { LANGUAGES } from "~/content/languages";
import { setUserLanguage } from "~/models/users.server";
import { readForm } from "~/utils/forms.server";
import { invariantResponse, safeRedirect } from "~/utils/http.server";
import { languageCookie } from "~/utils/i18n.server";
import { getTextSize, stepTextSize, textSizeCookie } from "~/utils/preferences.server";
import { getUser } from "~/utils/session.server";

const PreferenceSchema = z.discriminatedUnion("intent", [
  z.object({ intent: z.literal("language"), language: z.enum(LANGUAGES), redirectTo: z.string().optional() }),
  z.object({ intent: z.literal("text-size"), direction: z.enum(["smaller", "larger"]), redirectTo: z.string().optional() }),
]);

export function loader() {
  return redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const parsed = PreferenceSchema.safeParse(Object.fromEntries(await readForm(request)));
  invariantResponse(parsed.success, "errors.form.invalid", 400);
  const preference = parsed.data;
  const to = safeRedirect(preference.redirectTo, "/");
  if (preference.intent === "language") {
    const user = await getUser(request);
    if (user) setUserLanguage(user.id, preference.language);
    return redirect(to, { headers: { "Set-Cookie": await languageCookie.serialize(preference.language) } });
  }
  const size = stepTextSize(await getTextSize(request), preference.direction);
  return redirect(to, { headers: { "Set-Cookie": await textSizeCookie.serialize(size) } });
}

/**
 * Never shown: the loader redirects and a successful post does too. Being a page route (not a
 * resource route) lets a refused post (CSRF, unreadable or invalid form) get the error page in the
 * user's language instead of a bare message key (tests/integration/hostile-input.test.ts).
 */
export default function Preferences() {
  return null;
}
