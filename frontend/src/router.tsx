import { createBrowserRouter, type LoaderFunctionArgs } from "react-router";

import { config } from "./config";
import { apiQueryOptions, DEPARTMENTS_PATH, DEPARTMENTS_STALE_MS } from "./hooks/usePortalData";
import { apiQuery, filtersFromSearch, needsDecimals } from "./lib/portal/tenderQuery";
import { queryClient } from "./queryClient";

import { AppLoading } from "./routes/AppLoading";
import { Home } from "./routes/Home";
import { Layout } from "./routes/Layout";
import { NotFound } from "./routes/NotFound";
import { RouteError } from "./routes/RouteError";

/**
 * Starts a page's data-service reads while its code chunk loads, instead of after its first render: the
 * page's own useApi finds them in the shared cache. Never waits and never fails a navigation (the page
 * shows any error itself); a path the page would not ask for yet (an amount filter needs the token's
 * decimals, a chain read) is left to the page.
 */
function prefetch(paths: (string | undefined)[]): null {
  if (config.apiUrl === undefined) return null;
  for (const path of paths) {
    if (path !== undefined) void queryClient.prefetchQuery(apiQueryOptions(path, path === DEPARTMENTS_PATH ? DEPARTMENTS_STALE_MS : undefined));
  }
  return null;
}

function tenderListPath(url: string): string | undefined {
  const filters = filtersFromSearch(new URL(url).searchParams);
  return needsDecimals(filters) ? undefined : `/tenders?${apiQuery(filters, undefined)}`;
}

const prefetchTenders = ({ request }: LoaderFunctionArgs) => prefetch([tenderListPath(request.url), DEPARTMENTS_PATH]);
const prefetchTender = ({ params }: LoaderFunctionArgs) =>
  prefetch([/^[1-9][0-9]{0,30}$/.test(params.id ?? "") ? `/tenders/${params.id}` : undefined, DEPARTMENTS_PATH]);

export const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteError />,
    // while the first page's code chunk loads (React Router renders this instead of nothing)
    HydrateFallback: AppLoading,
    children: [
      { index: true, element: <Home /> },
      // The public portal's pages (issue 14), each its own chunk.
      { path: "tenders", loader: prefetchTenders, lazy: () => import("./routes/portal/Tenders") },
      { path: "tenders/:id", loader: prefetchTender, lazy: () => import("./routes/portal/TenderDetail") },
      { path: "suppliers/:address", lazy: () => import("./routes/portal/Supplier") },
      { path: "departments/:idOrCode", lazy: () => import("./routes/portal/Department") },
      { path: "open-data", lazy: () => import("./routes/portal/OpenData") },
      // A separate chunk: the console (and, later, every wallet connector) loads only when opened.
      { path: "console/*", lazy: () => import("./routes/console/route") },
      // Verification (certificates, licences): lazily loaded pages that read the chain in the browser.
      { path: "verify", lazy: () => import("./routes/verify/VerifyIndex") },
      { path: "verify/certificate", lazy: () => import("./routes/verify/VerifyCertificate") },
      { path: "verify/licence", lazy: () => import("./routes/verify/VerifyLicence") },
      { path: "verify/licence/:id", lazy: () => import("./routes/verify/LicencePage") },
      { path: "licences/:id", lazy: () => import("./routes/verify/LicencePage") },
      { path: "*", element: <NotFound /> },
    ],
  },
]);
