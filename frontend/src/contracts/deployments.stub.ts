// The stand-in for deployments.ts (generated, git-ignored) in a fresh clone: same exports, no chain.
// Rewritten by `npm run export` when the set of contracts changes. Do not edit.
//
// The ABIs are `any` on purpose: code written against the generated, fully typed ABIs must also compile
// here, and any narrower type (viem's `Abi`) would make every typed read fail to compile.
/* eslint-disable @typescript-eslint/no-explicit-any */

export const certificateRegistryAbi: any = [];
export const consentRegistryAbi: any = [];
export const departmentDirectoryAbi: any = [];
export const govchainAccessManagerAbi: any = [];
export const licenseRegistryAbi: any = [];
export const licenseTokenAbi: any = [];
export const tenderEscrowAbi: any = [];
export const testStablecoinAbi: any = [];

export const abis = {
  CertificateRegistry: certificateRegistryAbi,
  ConsentRegistry: consentRegistryAbi,
  DepartmentDirectory: departmentDirectoryAbi,
  GovchainAccessManager: govchainAccessManagerAbi,
  LicenseRegistry: licenseRegistryAbi,
  LicenseToken: licenseTokenAbi,
  TenderEscrow: tenderEscrowAbi,
  TestStablecoin: testStablecoinAbi,
} as const;

export const deployments: {
  readonly [chainId: number]: { readonly [name: string]: { readonly address: `0x${string}`; readonly deployedBlock: number } };
} = {};
