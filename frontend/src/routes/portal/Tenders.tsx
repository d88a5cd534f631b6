/**
 * The tender list: filters, title search in both languages, sort and cursor pagination, all held in the
 * URL (?q=…&state=…) so a search can be shared or bookmarked. Rows come from the data service.
 */
import { type FormEvent, useEffect, useRef } from "react";
import { useTranslation } from "react-i18next";
import { Link, useLocation, useNavigate, useSearchParams } from "react-router";

import { FlagMarker } from "../../components/portal/Flags";
import { EmptyState, Skeleton } from "../../components/portal/Skeleton";
import { QueryError } from "../../components/portal/QueryError";
import { Amount, DepartmentLink, StateBadge, useLocale } from "../../components/portal/Values";
import { useApi, useDepartments, usePaymentToken } from "../../hooks/usePortalData";
import { CATEGORIES, TENDER_STATES, type TenderList } from "../../lib/portal/api";
import { formatDate, localized } from "../../lib/portal/format";
import {
  apiQuery,
  DEFAULT_PAGE_SIZE,
  DEFAULT_SORT,
  EMPTY_FILTERS,
  filtersFromSearch,
  isFiltered,
  needsDecimals,
  PAGE_SIZES,
  type PageSize,
  searchFromFilters,
  SORTS,
  type TenderFilters,
} from "../../lib/portal/tenderQuery";
import { PortalPage } from "./PortalPage";

/** The cursors of the pages before this one, kept in the history entry (not the URL: a shared link starts a list). */
type PageState = { previous?: (string | undefined)[] } | null;

export function Component() {
  const { t } = useTranslation();
  const locale = useLocale();
  const [search] = useSearchParams();
  const navigate = useNavigate();
  const location = useLocation();
  const filters = filtersFromSearch(search);
  const { decimals } = usePaymentToken();
  const { departments } = useDepartments();
  // asked for at once; only an amount filter waits for the token's decimals (a chain read)
  const list = useApi<TenderList>(needsDecimals(filters) && decimals === undefined ? undefined : `/tenders?${apiQuery(filters, decimals)}`, { keepPrevious: true });
  const previous = (location.state as PageState)?.previous ?? [];
  const resultsRef = useRef<HTMLHeadingElement>(null);

  const go = (next: TenderFilters, state?: PageState) => {
    const query = searchFromFilters(next).toString();
    void navigate({ search: query === "" ? "" : `?${query}` }, { state });
  };
  const update = (change: Partial<TenderFilters>) => go({ ...filters, ...change, cursor: undefined });

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const text = (name: string) => {
      const value = String(form.get(name) ?? "").trim();
      return value === "" ? undefined : value;
    };
    const read = filtersFromSearch(
      new URLSearchParams(
        Object.entries({
          q: text("q"),
          state: form.getAll("state").join(","),
          department: text("department"),
          category: text("category"),
          min: text("min"),
          max: text("max"),
          from: text("from"),
          to: text("to"),
          flagged: form.get("flagged") === "1" ? "1" : undefined,
          sort: text("sort"),
          per: text("per"),
        }).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ""),
      ),
    );
    go(read);
  };

  // After a page change, move focus to the results so keyboard and screen-reader users land on them.
  const cursor = filters.cursor;
  useEffect(() => {
    if (cursor !== undefined) resultsRef.current?.focus();
  }, [cursor]);

  const rows = list.data?.data.tenders;
  const next = list.data?.data.next ?? null;

  return (
    <PortalPage title={t("portal.tenders.heading")} lead={t("portal.tenders.lead")}>
      <form className="filters" role="search" aria-label={t("portal.tenders.filtersLabel")} onSubmit={onSubmit} key={search.toString()}>
        <div className="filters__search">
          <label htmlFor="tender-q">{t("portal.tenders.search")}</label>
          <div className="filters__search-row">
            <input id="tender-q" name="q" type="search" defaultValue={filters.q ?? ""} maxLength={100} placeholder={t("portal.tenders.searchPlaceholder")} />
            <button type="submit" className="button button--primary">
              {t("portal.tenders.searchButton")}
            </button>
          </div>
        </div>
        <details className="filters__more" open={isFiltered(filters) || filters.sort !== DEFAULT_SORT || filters.perPage !== DEFAULT_PAGE_SIZE || undefined}>
          <summary>{t("portal.tenders.moreFilters")}</summary>
          <fieldset className="filters__states">
            <legend>{t("portal.tenders.state")}</legend>
            {TENDER_STATES.map((state) => (
              <label key={state} className="checkbox">
                <input type="checkbox" name="state" value={state} defaultChecked={filters.states.includes(state)} />
                {t(`portal.states.${state}`)}
              </label>
            ))}
          </fieldset>
          <div className="filters__grid">
            <div className="field">
              <label htmlFor="tender-department">{t("portal.tenders.department")}</label>
              <select id="tender-department" name="department" defaultValue={filters.department ?? ""}>
                <option value="">{t("portal.tenders.any")}</option>
                {(departments ?? []).map((d) => (
                  <option key={d.id} value={d.code}>
                    {locale.startsWith("zh") ? d.nameZh : d.nameEn}
                  </option>
                ))}
                {filters.department !== undefined && !(departments ?? []).some((d) => d.code === filters.department) && (
                  <option value={filters.department}>{filters.department}</option>
                )}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tender-category">{t("portal.tenders.category")}</label>
              <select id="tender-category" name="category" defaultValue={filters.category ?? ""}>
                <option value="">{t("portal.tenders.any")}</option>
                {CATEGORIES.map((category) => (
                  <option key={category} value={category}>
                    {t(`portal.categories.${category}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tender-min">{t("portal.tenders.minAmount")}</label>
              <input id="tender-min" name="min" inputMode="decimal" pattern="\d+(\.\d+)?" defaultValue={filters.minAmount ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="tender-max">{t("portal.tenders.maxAmount")}</label>
              <input id="tender-max" name="max" inputMode="decimal" pattern="\d+(\.\d+)?" defaultValue={filters.maxAmount ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="tender-from">{t("portal.tenders.from")}</label>
              <input id="tender-from" name="from" type="date" defaultValue={filters.from ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="tender-to">{t("portal.tenders.to")}</label>
              <input id="tender-to" name="to" type="date" defaultValue={filters.to ?? ""} />
            </div>
            <div className="field">
              <label htmlFor="tender-sort">{t("portal.tenders.sort")}</label>
              <select
                id="tender-sort"
                name="sort"
                defaultValue={filters.sort}
                onChange={(event) =>
                  update({
                    sort: event.currentTarget.value as TenderFilters["sort"],
                  })
                }
              >
                {SORTS.map((sort) => (
                  <option key={sort} value={sort}>
                    {t(`portal.tenders.sorts.${sort}`)}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="tender-per">{t("portal.tenders.perPage")}</label>
              <select
                id="tender-per"
                name="per"
                defaultValue={filters.perPage}
                onChange={(event) => update({ perPage: Number(event.currentTarget.value) as PageSize })}
              >
                {PAGE_SIZES.map((size) => (
                  <option key={size} value={size}>
                    {size}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <label className="checkbox">
            <input type="checkbox" name="flagged" value="1" defaultChecked={filters.flagged} />
            {t("portal.tenders.flaggedOnly")}
          </label>
          <div className="filters__actions">
            <button type="submit" className="button button--primary">
              {t("portal.tenders.apply")}
            </button>
            {isFiltered(filters) && (
              <button type="button" className="button" onClick={() => go({ ...EMPTY_FILTERS, sort: filters.sort, perPage: filters.perPage })}>
                {t("portal.tenders.clear")}
              </button>
            )}
          </div>
        </details>
        <p className="filters__note">{t("portal.tenders.shareNote")}</p>
      </form>

      <h2 id="results-heading" ref={resultsRef} tabIndex={-1} className="results-heading">
        {t("portal.tenders.results")}
        {list.isFetching && rows !== undefined && <span className="results-heading__updating">{t("portal.tenders.updating")}</span>}
      </h2>
      {list.isError ? (
        <QueryError error={list.error} what={t("portal.tenders.heading")} />
      ) : rows === undefined ? (
        <Skeleton lines={8} />
      ) : rows.length === 0 ? (
        <EmptyState title={isFiltered(filters) ? t("portal.tenders.emptyFiltered") : t("portal.tenders.empty")}>
          {isFiltered(filters) && (
            <button type="button" className="button" onClick={() => go({ ...EMPTY_FILTERS, sort: filters.sort, perPage: filters.perPage })}>
              {t("portal.tenders.clear")}
            </button>
          )}
        </EmptyState>
      ) : (
        <div className="table-scroll">
          <table
            className="data-table tender-table"
            aria-labelledby="results-heading"
            aria-busy={list.isFetching}
            data-loaded-for={list.isPlaceholderData ? undefined : search.toString()}
            role="table"
          >
            <thead role="rowgroup">
              <tr role="row">
                <th scope="col" role="columnheader">
                  {t("portal.tenders.columns.title")}
                </th>
                <th scope="col" role="columnheader">
                  {t("portal.tenders.columns.department")}
                </th>
                <th scope="col" role="columnheader">
                  {t("portal.tenders.columns.state")}
                </th>
                <th scope="col" role="columnheader" className="numeric">
                  {t("portal.tenders.columns.budget")}
                </th>
                <th scope="col" role="columnheader">
                  {t("portal.tenders.columns.published")}
                </th>
                <th scope="col" role="columnheader" className="numeric">
                  {t("portal.tenders.columns.bids")}
                </th>
              </tr>
            </thead>
            <tbody role="rowgroup">
              {rows.map((tender) => (
                <tr key={tender.id} role="row">
                  <th scope="row" role="rowheader">
                    <Link to={`/tenders/${tender.id}`} className="tender-title">
                      {localized(tender.title, locale) ?? t("portal.tenders.untitled", { id: tender.id })}
                    </Link>
                    <span className="tender-meta">
                      {t("portal.tenders.number", { id: tender.id })} ·{" "}
                      {t(`portal.categories.${tender.category}`, {
                        defaultValue: tender.category,
                      })}
                    </span>
                    {tender.flags !== undefined && <FlagMarker codes={tender.flags.codes} />}
                  </th>
                  <td role="cell" data-label={t("portal.tenders.columns.department")}>
                    <DepartmentLink id={tender.department} />
                  </td>
                  <td role="cell" data-label={t("portal.tenders.columns.state")}>
                    <StateBadge state={tender.state} />
                  </td>
                  <td role="cell" data-label={t("portal.tenders.columns.budget")} className="numeric">
                    <Amount units={tender.budget} />
                  </td>
                  <td role="cell" data-label={t("portal.tenders.columns.published")} className="nowrap">
                    {formatDate(tender.publishedAt, locale)}
                  </td>
                  <td role="cell" data-label={t("portal.tenders.columns.bids")} className="numeric tabular">
                    {tender.bidCount}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <nav className="pager" aria-label={t("portal.tenders.pages")}>
        {filters.cursor !== undefined && (
          <button type="button" className="button" onClick={() => go({ ...filters, cursor: undefined })}>
            {t("portal.tenders.firstPage")}
          </button>
        )}
        {previous.length > 0 && (
          <button
            type="button"
            className="button"
            onClick={() => go({ ...filters, cursor: previous[previous.length - 1] }, { previous: previous.slice(0, -1) })}
          >
            {t("portal.tenders.previousPage")}
          </button>
        )}
        {next !== null && (
          <button
            type="button"
            className="button button--primary"
            onClick={() => go({ ...filters, cursor: next }, { previous: [...previous, filters.cursor] })}
          >
            {t("portal.tenders.nextPage")}
          </button>
        )}
      </nav>
    </PortalPage>
  );
}
