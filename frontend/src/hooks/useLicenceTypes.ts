/** Licence types' names, read from LicenseRegistry on the chain ("营业执照 / Business licence" → per language). */
import { useReadContracts } from "wagmi";

import { config } from "../config";
import { abis, deploymentOf, deploymentTable } from "../contracts";

/** "中文名 / English name" as the registry stores it, split by language (a name without " / " serves both). */
export function splitBilingual(name: string): { zh: string; en: string } {
  const at = name.indexOf(" / ");
  return at < 0 ? { zh: name, en: name } : { zh: name.slice(0, at).trim(), en: name.slice(at + 3).trim() };
}

export function useLicenceTypeNames(typeIds: readonly number[]): Map<number, { zh: string; en: string }> {
  const registry = deploymentOf(deploymentTable, config.chainId, "LicenseRegistry");
  const reads = useReadContracts({
    contracts: typeIds.map((typeId) => ({ chainId: config.chainId, address: registry?.address, abi: abis.LicenseRegistry, functionName: "licenseType", args: [typeId] })) as never,
    query: { enabled: registry !== undefined && typeIds.length > 0, staleTime: 300_000 },
  });
  const names = new Map<number, { zh: string; en: string }>();
  (reads.data as { result?: { name?: string } }[] | undefined)?.forEach((read, index) => {
    if (typeof read.result?.name === "string" && read.result.name !== "") names.set(typeIds[index], splitBilingual(read.result.name));
  });
  return names;
}
