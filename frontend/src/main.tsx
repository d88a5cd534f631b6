import "./styles.css";
import "./i18n";

import { QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { RouterProvider } from "react-router/dom";
import { WagmiProvider } from "wagmi";

import { queryClient } from "./queryClient";
import { router } from "./router";
import { config } from "./wagmi";

// src/config.ts throws on a bad VITE_* value, but vite.config.ts checks the very same values first and
// stops the build, so a bundle never carries one.

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <WagmiProvider config={config} reconnectOnMount={false}>
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </WagmiProvider>
  </StrictMode>,
);
