/**
 * The administrator's registers besides departments: rename a department, register certificate types and
 * licence types (with the departments that issue, approve and renew), and data categories for consents.
 * Each goes through useAdminAction (scheduled when an execution delay applies). Codes follow the registries'
 * code rule (2–16 of A–Z, 0–9, '-' and '_'), checked here before anything is sent and again by the contract.
 */
import { label32 } from "@lib/hashing";
import { useQuery } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { usePublicClient, useReadContract, useReadContracts } from "wagmi";

import { config as appConfig } from "../../config";
import { deploymentOf, deploymentTable } from "../../contracts";

import { TxStatus } from "../components/TxStatus";
import { useConsoleT } from "../i18n";
import { requireContract } from "../lib/platform";
import { departmentName } from "../roles/RoleBadges";
import { type Department, useLicenceTypes } from "../roles/useRoles";
import { useAdminAction } from "../tx/useAdminAction";

const directory = requireContract("DepartmentDirectory");
const certificates = requireContract("CertificateRegistry");
const licences = requireContract("LicenseRegistry");
const consents = requireContract("ConsentRegistry");

const CODE = /^[A-Z0-9_-]{2,16}$/;
const DAYS = /^\d+(\.\d+)?$/;
const days = (text: string) => BigInt(Math.round(Number(text) * 86_400));

/** Checkboxes, one per active department; the ticked ids in `value`. */
function DepartmentChecklist({
  legend,
  departments,
  value,
  onChange,
  testId,
}: {
  legend: string;
  departments: Department[];
  value: number[];
  onChange: (ids: number[]) => void;
  testId: string;
}) {
  const { language } = useConsoleT();
  return (
    <fieldset className="console-checklist" data-testid={testId}>
      <legend>{legend}</legend>
      {departments
        .filter((d) => d.active)
        .map((d) => (
          <label key={d.id} className="checkbox">
            <input
              type="checkbox"
              value={d.id}
              checked={value.includes(d.id)}
              onChange={(event) => onChange(event.target.checked ? [...value, d.id].sort((a, b) => a - b) : value.filter((id) => id !== d.id))}
            />
            {departmentName(d, language)}
          </label>
        ))}
    </fieldset>
  );
}

/** A text field with its label (the registers' forms are all made of these). */
function Field({
  label,
  value,
  onChange,
  testId,
  upper = false,
  maxLength,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  testId?: string;
  upper?: boolean;
  maxLength?: number;
}) {
  return (
    <label className="console-field">
      {label}
      <input
        value={value}
        onChange={(event) => onChange(upper ? event.target.value.trim().toUpperCase() : event.target.value)}
        maxLength={maxLength}
        data-testid={testId}
      />
    </label>
  );
}

export function AdminTypes({ departments, delay }: { departments: Department[]; delay: number | undefined }) {
  return (
    <>
      <RenameDepartment departments={departments} delay={delay} />
      <RegisterCertificateType departments={departments} delay={delay} />
      <RegisterLicenceType departments={departments} delay={delay} />
      <RegisterDataCategory delay={delay} />
      <CertificateTypeList departments={departments} delay={delay} />
      <LicenceTypeList delay={delay} />
      <DataCategoryList delay={delay} />
    </>
  );
}

function RenameDepartment({ departments, delay }: { departments: Department[]; delay: number | undefined }) {
  const { t, language } = useConsoleT();
  const action = useAdminAction(delay);
  const [id, setId] = useState<number | undefined>(undefined);
  const [nameZh, setNameZh] = useState("");
  const [nameEn, setNameEn] = useState("");
  const chosen = departments.find((d) => d.id === id);
  const choose = (value: number) => {
    const d = departments.find((x) => x.id === value);
    setId(value);
    setNameZh(d?.nameZh ?? "");
    setNameEn(d?.nameEn ?? "");
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (chosen === undefined) return;
    // the metadata URI is kept as it is; only the names change
    void action.send({
      ...directory,
      functionName: "updateDepartment",
      args: [chosen.id, nameZh.trim(), nameEn.trim(), chosen.metadataURI],
    });
  };
  return (
    <form className="panel" aria-labelledby="rename-heading" onSubmit={submit}>
      <h3 id="rename-heading">{t("adminTypes.renameHeading")}</h3>
      <label className="console-field">
        {t("admin.department")}
        <select value={id ?? ""} onChange={(event) => choose(Number(event.target.value))} data-testid="rename-department">
          <option value="">—</option>
          {departments.map((d) => (
            <option key={d.id} value={d.id}>
              {d.code} · {departmentName(d, language)}
            </option>
          ))}
        </select>
      </label>
      <Field label={t("admin.nameZh")} value={nameZh} onChange={setNameZh} testId="rename-zh" />
      <Field label={t("admin.nameEn")} value={nameEn} onChange={setNameEn} testId="rename-en" />
      <button
        type="submit"
        className="button"
        disabled={chosen === undefined || nameZh.trim() === "" || nameEn.trim() === "" || action.busy}
        data-testid="rename"
      >
        {t("adminTypes.rename")}
      </button>
      <TxStatus state={action.state} />
    </form>
  );
}

function RegisterCertificateType({ departments, delay }: { departments: Department[]; delay: number | undefined }) {
  const { t } = useConsoleT();
  const action = useAdminAction(delay);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [issuers, setIssuers] = useState<number[]>([]);
  const [validityDays, setValidityDays] = useState("0");
  const [suspendable, setSuspendable] = useState(true);
  const [revocable, setRevocable] = useState(true);
  const ready = CODE.test(code) && name.trim() !== "" && issuers.length > 0 && DAYS.test(validityDays);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    void action.send({
      ...certificates,
      functionName: "registerType",
      args: [code, name.trim(), issuers, days(validityDays), suspendable, revocable],
    });
  };
  return (
    <form className="panel" aria-labelledby="certificate-type-heading" onSubmit={submit}>
      <h3 id="certificate-type-heading">{t("adminTypes.certificateTypeHeading")}</h3>
      <Field label={t("adminTypes.code")} value={code} onChange={setCode} upper maxLength={16} testId="certificate-type-code" />
      {code !== "" && !CODE.test(code) && <p role="status">{t("adminTypes.badCode")}</p>}
      <Field label={t("adminTypes.name")} value={name} onChange={setName} testId="certificate-type-name" />
      <DepartmentChecklist legend={t("adminTypes.issuers")} departments={departments} value={issuers} onChange={setIssuers} testId="certificate-type-issuers" />
      <Field label={t("adminTypes.defaultValidityDays")} value={validityDays} onChange={(v) => setValidityDays(v.trim())} />
      <label className="checkbox">
        <input type="checkbox" checked={suspendable} onChange={(event) => setSuspendable(event.target.checked)} />
        {t("adminTypes.suspendable")}
      </label>
      <label className="checkbox">
        <input type="checkbox" checked={revocable} onChange={(event) => setRevocable(event.target.checked)} />
        {t("adminTypes.revocable")}
      </label>
      <button type="submit" className="button" disabled={!ready || action.busy} data-testid="register-certificate-type">
        {t("adminTypes.register")}
      </button>
      <TxStatus state={action.state} />
    </form>
  );
}

function RegisterLicenceType({ departments, delay }: { departments: Department[]; delay: number | undefined }) {
  const { t, language } = useConsoleT();
  const action = useAdminAction(delay);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [issuer, setIssuer] = useState<number | undefined>(undefined);
  const [required, setRequired] = useState<number[]>([]);
  const [validityDays, setValidityDays] = useState("365");
  const [renewable, setRenewable] = useState(true);
  const [renewal, setRenewal] = useState<number[]>([]);
  const ready =
    CODE.test(code) &&
    name.trim() !== "" &&
    issuer !== undefined &&
    required.length > 0 &&
    DAYS.test(validityDays) &&
    Number(validityDays) > 0 &&
    (!renewable || renewal.length > 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!ready) return;
    void action.send({
      ...licences,
      functionName: "registerLicenseType",
      args: [code, name.trim(), issuer, required, days(validityDays), renewable, renewable ? renewal : []],
    });
  };
  return (
    <form className="panel" aria-labelledby="licence-type-heading" onSubmit={submit}>
      <h3 id="licence-type-heading">{t("adminTypes.licenceTypeHeading")}</h3>
      <Field label={t("adminTypes.code")} value={code} onChange={setCode} upper maxLength={16} testId="licence-type-code" />
      {code !== "" && !CODE.test(code) && <p role="status">{t("adminTypes.badCode")}</p>}
      <Field label={t("adminTypes.name")} value={name} onChange={setName} testId="licence-type-name" />
      <label className="console-field">
        {t("adminTypes.issuingDepartment")}
        <select
          value={issuer ?? ""}
          onChange={(event) => setIssuer(event.target.value === "" ? undefined : Number(event.target.value))}
          data-testid="licence-type-issuer"
        >
          <option value="">—</option>
          {departments
            .filter((d) => d.active)
            .map((d) => (
              <option key={d.id} value={d.id}>
                {departmentName(d, language)}
              </option>
            ))}
        </select>
      </label>
      <DepartmentChecklist legend={t("adminTypes.required")} departments={departments} value={required} onChange={setRequired} testId="licence-type-required" />
      <Field label={t("adminTypes.validityDays")} value={validityDays} onChange={(v) => setValidityDays(v.trim())} />
      <label className="checkbox">
        <input type="checkbox" checked={renewable} onChange={(event) => setRenewable(event.target.checked)} />
        {t("adminTypes.renewable")}
      </label>
      {renewable && (
        <DepartmentChecklist legend={t("adminTypes.renewal")} departments={departments} value={renewal} onChange={setRenewal} testId="licence-type-renewal" />
      )}
      <button type="submit" className="button" disabled={!ready || action.busy} data-testid="register-licence-type">
        {t("adminTypes.register")}
      </button>
      <TxStatus state={action.state} />
    </form>
  );
}

function RegisterDataCategory({ delay }: { delay: number | undefined }) {
  const { t } = useConsoleT();
  const action = useAdminAction(delay);
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const valid = /^[a-z0-9][a-z0-9-]{1,30}$/.test(code);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!valid || name.trim() === "") return;
    void action.send({
      ...consents,
      functionName: "registerCategory",
      args: [label32(code), name.trim()],
    });
  };
  return (
    <form className="panel" aria-labelledby="category-heading" onSubmit={submit}>
      <h3 id="category-heading">{t("adminTypes.categoryHeading")}</h3>
      <Field label={t("adminTypes.categoryCode")} value={code} onChange={(v) => setCode(v.trim().toLowerCase())} maxLength={31} testId="category-code" />
      {code !== "" && !valid && <p role="status">{t("adminTypes.badCategoryCode")}</p>}
      <Field label={t("adminTypes.name")} value={name} onChange={setName} testId="category-name" />
      <button type="submit" className="button" disabled={!valid || name.trim() === "" || action.busy} data-testid="register-category">
        {t("adminTypes.register")}
      </button>
      <TxStatus state={action.state} />
    </form>
  );
}

/** A register entry's state for new use (two cells), with the button that closes or reopens it. */
function ActiveCells({ active, busy, onToggle, testId }: { active: boolean; busy: boolean; onToggle: () => void; testId?: string }) {
  const { t } = useConsoleT();
  return (
    <>
      <td>{active ? t("adminTypes.open") : t("adminTypes.closed")}</td>
      <td>
        <button type="button" className="button button--secondary" disabled={busy} onClick={onToggle} data-testid={testId}>
          {active ? t("adminTypes.close") : t("adminTypes.reopen")}
        </button>
      </td>
    </>
  );
}

/** Every certificate type: open or close it for new issues, and allow or stop a department issuing it. */
function CertificateTypeList({ departments, delay }: { departments: Department[]; delay: number | undefined }) {
  const { t, language } = useConsoleT();
  const action = useAdminAction(delay);
  const [issuerFor, setIssuerFor] = useState<Record<number, number>>({});
  const count = useReadContract({ ...certificates, chainId: appConfig.chainId, functionName: "typeCount", query: { refetchInterval: 5_000 } });
  const ids = Array.from({ length: Number(count.data ?? 0) }, (_, i) => i + 1);
  const types = useReadContracts({
    contracts: ids.map((id) => ({ ...certificates, chainId: appConfig.chainId, functionName: "certificateType", args: [id] }) as const),
    query: { enabled: ids.length > 0, refetchInterval: 5_000 },
  });
  const pairs = ids.flatMap((id) => departments.map((d) => [id, d.id] as const));
  const issuers = useReadContracts({
    contracts: pairs.map(([id, department]) => ({ ...certificates, chainId: appConfig.chainId, functionName: "canIssue", args: [id, department] }) as const),
    query: { enabled: pairs.length > 0, refetchInterval: 5_000 },
  });
  const allowed = (id: number, department: number) => issuers.data?.[pairs.findIndex(([a, b]) => a === id && b === department)]?.result === true;
  return (
    <section className="panel" aria-labelledby="certificate-types-heading">
      <h3 id="certificate-types-heading">{t("adminTypes.certificateTypesHeading")}</h3>
      <table className="console-table" data-testid="certificate-types">
        <thead>
          <tr>
            <th scope="col">{t("adminTypes.codeColumn")}</th>
            <th scope="col">{t("adminTypes.name")}</th>
            <th scope="col">{t("adminTypes.issuers")}</th>
            <th scope="col">{t("adminTypes.state")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("admin.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id, i) => {
            const type = types.data?.[i]?.result;
            if (type === undefined) return null;
            const chosen = issuerFor[id] ?? departments[0]?.id;
            const isIssuer = chosen !== undefined && allowed(id, chosen);
            return (
              <tr key={id} data-certificate-type={type.code} data-active={type.active}>
                <td>{type.code}</td>
                <td>{type.name}</td>
                <td>
                  {departments
                    .filter((d) => allowed(id, d.id))
                    .map((d) => d.code)
                    .join(", ") || "—"}
                  <div className="console-actions">
                    <select
                      value={chosen ?? ""}
                      onChange={(event) => setIssuerFor({ ...issuerFor, [id]: Number(event.target.value) })}
                      aria-label={t("adminTypes.issuerDepartment", { code: type.code })}
                    >
                      {departments.map((d) => (
                        <option key={d.id} value={d.id}>
                          {departmentName(d, language)}
                        </option>
                      ))}
                    </select>
                    <button
                      type="button"
                      className="button button--secondary"
                      disabled={chosen === undefined || action.busy}
                      onClick={() => void action.send({ ...certificates, functionName: "setTypeIssuer", args: [id, chosen!, !isIssuer] })}
                    >
                      {isIssuer ? t("adminTypes.stopIssuer") : t("adminTypes.allowIssuer")}
                    </button>
                  </div>
                </td>
                <ActiveCells
                  active={type.active}
                  busy={action.busy}
                  onToggle={() => void action.send({ ...certificates, functionName: "setTypeActive", args: [id, !type.active] })}
                  testId={`certificate-type-toggle-${type.code}`}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
      <TxStatus state={action.state} />
    </section>
  );
}

/** Every licence type: open or close it for new applications (applications already made carry on). */
function LicenceTypeList({ delay }: { delay: number | undefined }) {
  const { t } = useConsoleT();
  const action = useAdminAction(delay);
  const { types, refetch } = useLicenceTypes();
  return (
    <section className="panel" aria-labelledby="licence-types-heading">
      <h3 id="licence-types-heading">{t("adminTypes.licenceTypesHeading")}</h3>
      <table className="console-table" data-testid="licence-types">
        <thead>
          <tr>
            <th scope="col">{t("adminTypes.codeColumn")}</th>
            <th scope="col">{t("adminTypes.name")}</th>
            <th scope="col">{t("adminTypes.state")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("admin.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {(types ?? []).map((type) => (
            <tr key={type.id} data-licence-type={type.code} data-active={type.active}>
              <td>{type.code}</td>
              <td>{type.name}</td>
              <ActiveCells
                active={type.active}
                busy={action.busy}
                onToggle={() => void action.send({ ...licences, functionName: "setLicenseTypeActive", args: [type.id, !type.active] }).then(() => refetch())}
                testId={`licence-type-toggle-${type.code}`}
              />
            </tr>
          ))}
        </tbody>
      </table>
      <TxStatus state={action.state} />
    </section>
  );
}

const consentsDeployedBlock = BigInt(deploymentOf(deploymentTable, appConfig.chainId, "ConsentRegistry")?.deployedBlock ?? 0);

/** Every data category (from the registry's CategoryRegistered events, each read again): open or close it for new grants. */
function DataCategoryList({ delay }: { delay: number | undefined }) {
  const { t } = useConsoleT();
  const action = useAdminAction(delay);
  const client = usePublicClient({ chainId: appConfig.chainId });
  const registered = useQuery({
    queryKey: ["govchain", "consent-categories-admin"],
    enabled: client !== undefined,
    refetchInterval: 10_000,
    queryFn: async () =>
      (await client!.getContractEvents({ ...consents, eventName: "CategoryRegistered", fromBlock: consentsDeployedBlock })).map((log) => log.args.category!),
  });
  const ids = registered.data ?? [];
  const records = useReadContracts({
    contracts: ids.map((id) => ({ ...consents, chainId: appConfig.chainId, functionName: "category", args: [id] }) as const),
    query: { enabled: ids.length > 0, refetchInterval: 5_000 },
  });
  return (
    <section className="panel" aria-labelledby="categories-heading">
      <h3 id="categories-heading">{t("adminTypes.categoriesHeading")}</h3>
      <table className="console-table" data-testid="data-categories">
        <thead>
          <tr>
            <th scope="col">{t("adminTypes.name")}</th>
            <th scope="col">{t("adminTypes.state")}</th>
            <th scope="col">
              <span className="visually-hidden">{t("admin.actions")}</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {ids.map((id, i) => {
            const record = records.data?.[i]?.result;
            if (record === undefined) return null;
            return (
              <tr key={id} data-category={record.name} data-active={record.active}>
                <td>{record.name}</td>
                <ActiveCells
                  active={record.active}
                  busy={action.busy}
                  onToggle={() => void action.send({ ...consents, functionName: "setCategoryActive", args: [id, !record.active] })}
                />
              </tr>
            );
          })}
        </tbody>
      </table>
      <TxStatus state={action.state} />
    </section>
  );
}
