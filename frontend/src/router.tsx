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
      // A separate chunk: the console (and, later, every wallet connector) loads only when opened.
      { path: "console/*", lazy: () => import("./routes/console/route") },
      { path: "*", element: <NotFound /> },
    ],
  },
]);
