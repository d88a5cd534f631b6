/**
 * Sealed-bid salts. The salt is made in the browser and kept in localStorage, and offered as a backup
 * file BEFORE the commitment is sent: without it the bid cannot be revealed and the bond is forfeited.
 */
import { randomSalt } from "@lib/hashing";
import { type Address, getAddress, type Hex, isHex } from "viem";

import { config as appConfig } from "../../../config";

export const SALT_FORMAT = "govchain-bid-salt-1";

export interface SealedBid {
  tenderId: bigint;
  bidder: Address;
  price: bigint;
  salt: Hex;
}

const key = (tenderId: bigint, bidder: Address) => `govchain.console.bid.${appConfig.chainId}.${tenderId}.${bidder.toLowerCase()}`;

export function newSealedBid(tenderId: bigint, bidder: Address, price: bigint): SealedBid {
  return { tenderId, bidder, price, salt: randomSalt() };
}

export function backupText(bid: SealedBid): string {
  return JSON.stringify(
    { format: SALT_FORMAT, chainId: appConfig.chainId, tenderId: bid.tenderId.toString(), bidder: bid.bidder, price: bid.price.toString(), salt: bid.salt },
    null,
    2,
  );
}

export function parseBackup(text: string): SealedBid {
  const value = JSON.parse(text) as Record<string, unknown>;
  if (value.format !== SALT_FORMAT) throw new Error(`not a ${SALT_FORMAT} file`);
  if (Number(value.chainId) !== appConfig.chainId) throw new Error(`made for chain ${String(value.chainId)}`);
  if (!isHex(value.salt) || typeof value.bidder !== "string") throw new Error("no salt or bidder");
  return { tenderId: BigInt(value.tenderId as string), bidder: getAddress(value.bidder), price: BigInt(value.price as string), salt: value.salt };
}

export function storeBid(bid: SealedBid) {
  try {
    localStorage.setItem(key(bid.tenderId, bid.bidder), backupText(bid));
  } catch {
    // Storage unavailable: the backup file is the only copy (the page says so before committing).
  }
}

export function storedBid(tenderId: bigint, bidder: Address): SealedBid | undefined {
  try {
    const text = localStorage.getItem(key(tenderId, bidder));
    return text === null ? undefined : parseBackup(text);
  } catch {
    return undefined;
  }
}
