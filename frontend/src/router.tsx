import { createBrowserRouter } from "react-router";

import { Home } from "./routes/Home";
import { Layout } from "./routes/Layout";
import { NotFound } from "./routes/NotFound";
import { RouteError } from "./routes/RouteError";

export const router = createBrowserRouter([
  {
    path: "/",
    element: <Layout />,
    errorElement: <RouteError />,
    children: [
      { index: true, element: <Home /> },
      // The public portal's pages (issue 14), each its own chunk.
      { path: "tenders", lazy: () => import("./routes/portal/Tenders") },
      { path: "tenders/:id", lazy: () => import("./routes/portal/TenderDetail") },
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
