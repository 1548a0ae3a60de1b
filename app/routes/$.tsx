import { notFound } from "~/http/errors.server";

/** Every unknown path: the root ErrorBoundary renders the localised 404 page. */
export function loader() {
  notFound();
}

export default function NotFound() {
  return null;
}
