/** Columns that several portal tables share (tenders by title and state, payments), so each reads the same everywhere. */
import { useTranslation } from "react-i18next";
import { Link } from "react-router";

import type { Localized, TenderState } from "../../lib/portal/api";
import { localized } from "../../lib/portal/format";
import type { Column } from "./DataTable";
import { Account, Amount, Hash, StateBadge, Time, useLocale } from "./Values";

interface TitledTender {
  tenderId: string;
  title: Localized | null;
}

interface PaymentRow {
  tenderId: string;
  account?: string;
  amount: string;
  reason: string;
  blockTimestamp: number;
  transactionHash: string;
}

export function useTenderColumns() {
  const { t } = useTranslation();
  const locale = useLocale();
  const title: Column<TitledTender> = {
    key: "title",
    header: t("portal.tenders.columns.title"),
    rowHeader: true,
    cell: (row) => <Link to={`/tenders/${row.tenderId}`}>{localized(row.title, locale) ?? t("portal.tenders.untitled", { id: row.tenderId })}</Link>,
  };
  const state: Column<{ state: TenderState }> = {
    key: "state",
    header: t("portal.tenders.columns.state"),
    cell: (row) => <StateBadge state={row.state} />,
  };
  return { title, state };
}

export function usePaymentColumns() {
  const { t } = useTranslation();
  const when: Column<PaymentRow> = { key: "when", header: t("portal.payments.when"), cell: (payment) => <Time seconds={payment.blockTimestamp} /> };
  const tender: Column<PaymentRow> = {
    key: "tender",
    header: t("portal.tenders.columns.title"),
    cell: (payment) => <Link to={`/tenders/${payment.tenderId}`}>{t("portal.tenders.number", { id: payment.tenderId })}</Link>,
  };
  const reason: Column<PaymentRow> = {
    key: "reason",
    header: t("portal.payments.reason"),
    cell: (payment) => t(`portal.payments.reasons.${payment.reason.replace(/ /g, "_")}`, { defaultValue: payment.reason }),
  };
  const account: Column<PaymentRow & { account: string }> = {
    key: "account",
    header: t("portal.payments.account"),
    cell: (payment) => <Account address={payment.account} />,
  };
  const amount: Column<PaymentRow> = { key: "amount", header: t("portal.payments.amount"), numeric: true, cell: (payment) => <Amount units={payment.amount} /> };
  const transaction: Column<PaymentRow> = {
    key: "transaction",
    header: t("portal.timeline.txColumn"),
    cell: (payment) => <Hash value={payment.transactionHash} label={t("portal.timeline.tx")} />,
  };
  return { when, tender, reason, account, amount, transaction };
}

/** A bid's commit time and its price (sealed until revealed). */
export function useBidColumns() {
  const { t } = useTranslation();
  const committed: Column<{ committedAt: number }> = { key: "committed", header: t("portal.bids.committed"), cell: (bid) => <Time seconds={bid.committedAt} /> };
  const price: Column<{ price: string | null }> = {
    key: "price",
    header: t("portal.bids.price"),
    numeric: true,
    cell: (bid) => (bid.price !== null ? <Amount units={bid.price} /> : <span className="muted">{t("portal.bids.sealed")}</span>),
  };
  return { committed, price };
}
