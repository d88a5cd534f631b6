/**
 * The portal's reads of the public data service (TanStack Query) and the few chain facts every page
 * needs (the payment token's decimals). A failure is an ApiError of a named kind, shown by the page.
 */
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useMemo } from "react";
import { useReadContract } from "wagmi";

import { config } from "../config";
import { abis, deploymentOf, deploymentTable } from "../contracts";
import { apiGet, type ApiResponse, type ChainHealth, type Department, isApiError, type StatsSummary } from "../lib/portal/api";
import { useGovchainRead } from "./useGovchainRead";

/** How often the data service's health (and its lag behind the chain) is checked. */
export const HEALTH_INTERVAL_MS = 10_000;

/** The query of one GET of the data service (shared by useApi and the router's prefetches, so both use one cache entry). */
export function apiQueryOptions<T>(path: string | undefined, staleTime = 5_000) {
  return {
    queryKey: ["api", config.apiUrl, path] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => apiGet<T>(config.apiUrl, path!, { signal }),
    retry: (failures: number, error: Error) => failures < 2 && isApiError(error, "unreachable"),
    staleTime,
  };
}

/** One GET of the data service; `path` undefined waits. Unknown ids and bad requests are not retried. */
export function useApi<T>(path: string | undefined, options: { refetchInterval?: number; keepPrevious?: boolean; staleTime?: number } = {}) {
  return useQuery<ApiResponse<T>>({
    ...apiQueryOptions<T>(path, options.staleTime),
    enabled: path !== undefined,
    refetchInterval: options.refetchInterval,
    placeholderData: options.keepPrevious ? keepPreviousData : undefined,
  });
}

export type DataServiceState = "checking" | "ok" | "down" | "not-configured";

export interface DataServiceHealth {
  state: DataServiceState;
  health: ChainHealth | undefined;
  /** When the last answer came (ms), for "figures as of". */
  updatedAt: number | undefined;
}

export function useDataServiceHealth(): DataServiceHealth {
  const query = useApi<ChainHealth>(config.apiUrl === undefined ? undefined : "/health/chain", { refetchInterval: HEALTH_INTERVAL_MS });
  const state: DataServiceState = config.apiUrl === undefined ? "not-configured" : query.isError ? "down" : query.data === undefined ? "checking" : "ok";
  return { state, health: query.data?.data, updatedAt: query.dataUpdatedAt || undefined };
}

/** The platform's departments from the data service, by id and by code. */
export const DEPARTMENTS_PATH = "/departments";
export const DEPARTMENTS_STALE_MS = 60_000;
export function useDepartments() {
  const query = useApi<{ departments: Department[] }>(DEPARTMENTS_PATH, { staleTime: DEPARTMENTS_STALE_MS });
  const byId = useMemo(() => new Map((query.data?.data.departments ?? []).map((d) => [d.id, d])), [query.data]);
  return { ...query, departments: query.data?.data.departments, byId };
}

/**
 * The payment token's decimals and symbol, read from the chain (TenderEscrow.paymentToken, then the
 * token), so every amount on the portal is scaled by what the contract really pays in. When the chain
 * cannot be read, the data service's record of the token (GET /stats/summary) stands in.
 */
export function usePaymentToken(): { decimals: number | undefined; symbol: string | undefined; pending: boolean } {
  const token = useGovchainRead({ contract: "TenderEscrow", functionName: "paymentToken" });
  const fallbackQuery = useApi<StatsSummary>(token.isError ? "/stats/summary" : undefined, { staleTime: 300_000 });
  const fallback = fallbackQuery.data?.data.token ?? undefined;
  const address = token.data as `0x${string}` | undefined;
  const erc20 = abis.TestStablecoin;
  const decimals = useReadContract({ chainId: config.chainId, address, abi: erc20, functionName: "decimals", query: { enabled: address !== undefined, staleTime: Infinity } } as never) as { data: unknown; isPending: boolean };
  const symbol = useReadContract({ chainId: config.chainId, address, abi: erc20, functionName: "symbol", query: { enabled: address !== undefined, staleTime: Infinity } } as never) as { data: unknown };
  const known = decimals.data === undefined ? fallback?.decimals : Number(decimals.data);
  return {
    decimals: known,
    symbol: typeof symbol.data === "string" ? symbol.data : fallback?.symbol,
    // still asking: the chain (the token's address, then its decimals) or, the chain failing, the data service
    pending: known === undefined && (token.isPending || (address !== undefined && decimals.isPending) || (token.isError && fallbackQuery.isPending)),
  };
}

/**
 * What TenderEscrow holds in the payment token right now (budgets, bonds and credits not yet withdrawn),
 * read from the chain: the home page's "value in escrow", checkable by anyone with the token's balanceOf.
 */
export function useEscrowBalance(): bigint | undefined {
  const token = useGovchainRead({ contract: "TenderEscrow", functionName: "paymentToken" });
  const escrow = escrowAddress();
  const balance = useReadContract({
    chainId: config.chainId,
    address: token.data as `0x${string}` | undefined,
    abi: abis.TestStablecoin,
    functionName: "balanceOf",
    args: [escrow],
    query: { enabled: token.data !== undefined && escrow !== undefined, refetchInterval: 10_000 },
  } as never) as { data: unknown };
  return typeof balance.data === "bigint" ? balance.data : undefined;
}

/** The TenderEscrow's address on the configured chain (for ocids and "read from contract …" notes). */
export function escrowAddress(): string | undefined {
  return deploymentOf(deploymentTable, config.chainId, "TenderEscrow")?.address;
}
