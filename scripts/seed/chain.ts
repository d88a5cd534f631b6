/**
 * What the seed scripts need from the chain: wallets of the local test accounts, the platform's
 * contracts from the deployment manifest, transactions that must succeed, and the chain's clock.
 */
import { FeeData, HDNodeWallet, JsonRpcProvider, Mnemonic, type ContractTransactionResponse, type TransactionReceipt, type Wallet } from "ethers";

import { type DeploymentManifest, LOCAL_TEST_MNEMONIC } from "../../lib/deployments.js";
import {
  CertificateRegistry__factory,
  ConsentRegistry__factory,
  DepartmentDirectory__factory,
  GovchainAccessManager__factory,
  LicenseRegistry__factory,
  TenderEscrow__factory,
  TestStablecoin__factory,
} from "../../types/ethers-contracts/index.js";

/** Zero fees, as on the platform's chain (base fee 0, gas price 0). */
export class ZeroFeeProvider extends JsonRpcProvider {
  override async getFeeData() {
    return new FeeData(0n, 0n, 0n);
  }
}

export class SeedError extends Error {}

/** The platform's contracts the seed talks to; their ABIs also decode any revert (see decodeRevert). */
const FACTORIES = {
  manager: GovchainAccessManager__factory,
  directory: DepartmentDirectory__factory,
  certificates: CertificateRegistry__factory,
  consents: ConsentRegistry__factory,
  licenses: LicenseRegistry__factory,
  tenders: TenderEscrow__factory,
  token: TestStablecoin__factory,
};

export function connect(rpcUrl: string, chainId: number, manifest: DeploymentManifest) {
  const provider = new ZeroFeeProvider(rpcUrl, chainId, { staticNetwork: true, pollingInterval: 50, batchMaxCount: 1, cacheTimeout: -1 });
  const mnemonic = Mnemonic.fromPhrase(LOCAL_TEST_MNEMONIC);
  const wallets = new Map<number, Wallet>();
  const account = (index: number): Wallet => {
    let wallet = wallets.get(index);
    if (wallet === undefined) {
      wallet = HDNodeWallet.fromMnemonic(mnemonic, `m/44'/60'/0'/0/${index}`).connect(provider) as unknown as Wallet;
      wallets.set(index, wallet);
    }
    return wallet;
  };
  const at = (name: string) => {
    const record = manifest.contracts[name];
    if (record === undefined) throw new SeedError(`the deployment manifest has no ${name}`);
    return record.address;
  };
  const admin = account(0);
  return {
    provider,
    account,
    manager: FACTORIES.manager.connect(at("GovchainAccessManager"), admin),
    directory: FACTORIES.directory.connect(at("DepartmentDirectory"), admin),
    certificates: FACTORIES.certificates.connect(at("CertificateRegistry"), admin),
    consents: FACTORIES.consents.connect(at("ConsentRegistry"), admin),
    licenses: FACTORIES.licenses.connect(at("LicenseRegistry"), admin),
    tenders: FACTORIES.tenders.connect(at("TenderEscrow"), admin),
    token: FACTORIES.token.connect(manifest.paymentToken, admin),
  };
}

export type Platform = ReturnType<typeof connect>;

const ERROR_INTERFACES = Object.values(FACTORIES).map((f) => f.createInterface());

/** The custom error in revert data, decoded with whichever platform ABI declares it. */
export function decodeRevert(data: string | undefined): string | undefined {
  if (data === undefined || data === "0x") return undefined;
  for (const iface of ERROR_INTERFACES) {
    try {
      const parsed = iface.parseError(data);
      if (parsed !== null) return `${parsed.name}(${parsed.args.map(String).join(", ")})`;
    } catch {
      // not this ABI's
    }
  }
  return undefined;
}

/**
 * Waits for a transaction's receipt by asking for it. ethers' `wait()` watches for new blocks: when the
 * node mines the transaction at once (automine) between its first receipt check and its first block poll,
 * it waits for a next block that never comes, and a loaded machine hit that race.
 */
export async function receiptOf(tx: ContractTransactionResponse, timeoutMs = 300_000): Promise<TransactionReceipt> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const receipt = await tx.provider.getTransactionReceipt(tx.hash);
    if (receipt !== null) return receipt;
    if (Date.now() > deadline) throw new SeedError(`no receipt for ${tx.hash} after ${timeoutMs / 1000} s`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** Replays a reverted transaction as a call, for the contract's error. */
export async function revertReason(tx: ContractTransactionResponse): Promise<string> {
  try {
    await tx.provider.call({ from: tx.from, to: tx.to, data: tx.data });
    return "reverted (no error on replay)";
  } catch (error) {
    const e = error as { shortMessage?: string; message: string; data?: string; info?: { error?: { data?: string } } };
    return decodeRevert(e.data ?? e.info?.error?.data) ?? e.shortMessage ?? e.message;
  }
}

/** Sends a transaction and waits for it; a revert stops the seed with what was being done and why. */
export async function mined(what: string, tx: Promise<ContractTransactionResponse>) {
  let sent: ContractTransactionResponse | undefined;
  try {
    sent = await tx;
    const receipt = await receiptOf(sent);
    if (receipt.status !== 1) throw new SeedError(`${what}: ${await revertReason(sent)}`);
    return receipt;
  } catch (error) {
    if (error instanceof SeedError) throw error;
    const e = error as { shortMessage?: string; message: string; data?: string; info?: { error?: { data?: string } } };
    const reason = decodeRevert(e.data ?? e.info?.error?.data) ?? e.shortMessage ?? e.message;
    if (process.env.SEED_DEBUG === "1") console.error(error);
    throw new SeedError(`${what}: ${reason}`);
  }
}

/**
 * The chain's clock. The seed moves it forward (never back) so that what happened in the demo city's
 * year carries the times it would have: `advanceTo(t)` makes the next block's timestamp `t`.
 */
export class Clock {
  constructor(private readonly provider: JsonRpcProvider) {}

  async now(): Promise<number> {
    const block = await this.provider.getBlock("latest");
    if (block === null) throw new SeedError("the node returned no latest block");
    return block.timestamp;
  }

  async advanceTo(timestamp: number): Promise<void> {
    const now = await this.now();
    if (timestamp <= now) return;
    await this.provider.send("evm_setNextBlockTimestamp", [timestamp]);
  }
}
