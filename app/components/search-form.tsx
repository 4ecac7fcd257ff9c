import { Form, useSearchParams } from "@remix-run/react";

/** A GET search over the page's list: the query travels in `?q=`, so results can be linked and reloaded. */
export function SearchForm({ id, label, button }: { id: string; label: string; button: string }) {
  const [params] = useSearchParams();
  return (
    <Form method="get" role="search" className="search-form">
      <label htmlFor={id}>{label}</label>
      <input id={id} type="search" name="q" defaultValue={params.get("q") ?? ""} />
      <button type="submit" className="button">
        {button}
      </button>
    </Form>
  );
}
