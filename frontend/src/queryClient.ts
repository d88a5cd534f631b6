import { QueryClient } from "@tanstack/react-query";

/** The app's one TanStack Query cache: the pages' reads and the router's prefetches (src/router.tsx) share it. */
export const queryClient = new QueryClient();
