/** A scrolling data table (portal and verification pages): one header row from the columns, one body row per record. */
import type { HTMLAttributes, ReactNode } from "react";

export interface Column<Row> {
  key: string;
  header: ReactNode;
  cell: (row: Row) => ReactNode;
  /** Right-aligned figures: both the header and the cells are classed `numeric`. */
  numeric?: boolean;
  /** A class for the cells only (e.g. `tabular` for counters). */
  cellClassName?: string;
  /** The column that names the row: its cells are `<th scope="row">`. */
  rowHeader?: boolean;
}

/** Extra attributes of a body row, e.g. data-* hooks the tests and styles select on. */
type RowAttributes = HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string | boolean | undefined>;

export function DataTable<Row>({
  rows,
  columns,
  rowKey,
  rowAttributes,
  caption,
  className = "data-table",
}: {
  rows: readonly Row[];
  columns: readonly Column<Row>[];
  rowKey: (row: Row) => string;
  rowAttributes?: (row: Row) => RowAttributes;
  /** Read by screen readers only: the visible heading is the section's. */
  caption?: string;
  className?: string;
}) {
  return (
    <div className="table-scroll">
      <table className={className}>
        {caption !== undefined && <caption className="visually-hidden">{caption}</caption>}
        <thead>
          <tr>
            {columns.map((column) => (
              <th key={column.key} scope="col" className={column.numeric ? "numeric" : undefined}>
                {column.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={rowKey(row)} {...rowAttributes?.(row)}>
              {columns.map((column) =>
                column.rowHeader ? (
                  <th key={column.key} scope="row">
                    {column.cell(row)}
                  </th>
                ) : (
                  <td key={column.key} className={column.numeric ? "numeric" : column.cellClassName}>
                    {column.cell(row)}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
