import { index, onchainTable, primaryKey } from "ponder";

/** Departments as the DepartmentDirectory's events describe them. */
export const department = onchainTable("department", (t) => ({
  id: t.integer().primaryKey(),
  code: t.text().notNull(),
  nameZh: t.text().notNull(),
  nameEn: t.text().notNull(),
  metadataURI: t.text().notNull(),
  active: t.boolean().notNull(),
  treasury: t.hex(),
  registeredBlock: t.bigint().notNull(),
  registeredAt: t.integer().notNull(),
}));

/** A head or official appointment (current or past) of a department. */
export const departmentMember = onchainTable(
  "department_member",
  (t) => ({
    departmentId: t.integer().notNull(),
    account: t.hex().notNull(),
    role: t.text().notNull(), // "head" | "official"
    active: t.boolean().notNull(),
    since: t.integer().notNull(),
    appointedBy: t.hex().notNull(),
    removedAt: t.integer(),
    removedBy: t.hex(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.departmentId, table.account, table.role] }) }),
);

/** A tender: its published parameters, its state as getTender reported it after its latest event, and its metadata. */
export const tender = onchainTable(
  "tender",
  (t) => ({
    id: t.bigint().primaryKey(),
    state: t.text().notNull(),
    department: t.integer().notNull(),
    acceptingDepartment: t.integer().notNull(),
    licenseTypeId: t.integer().notNull(),
    treasury: t.hex().notNull(),
    publishedBy: t.hex().notNull(),
    category: t.text().notNull(),
    budget: t.bigint().notNull(),
    bidBond: t.bigint().notNull(),
    commitDeadline: t.integer().notNull(),
    revealDeadline: t.integer().notNull(),
    complaintWindow: t.integer().notNull(),
    documentsDigest: t.hex().notNull(),
    metadataURI: t.text().notNull(),
    /** "verified" (document fetched and its SHA-256 equals documentsDigest), else why it is not trusted. */
    metadataStatus: t.text().notNull(),
    titleZh: t.text(),
    titleEn: t.text(),
    descriptionZh: t.text(),
    descriptionEn: t.text(),
    publishedAt: t.integer().notNull(),
    publishedBlock: t.bigint().notNull(),
    amendments: t.integer().notNull(),
    bidCount: t.integer().notNull(),
    revealedCount: t.integer().notNull(),
    winner: t.hex(),
    price: t.bigint(),
    awardedAt: t.integer(),
    paid: t.bigint().notNull(),
    milestoneCount: t.integer().notNull(),
    acceptedCount: t.integer().notNull(),
    updatedAt: t.integer().notNull(),
    updatedBlock: t.bigint().notNull(),
  }),
  (table) => ({
    stateIdx: index().on(table.state),
    departmentIdx: index().on(table.department),
    categoryIdx: index().on(table.category),
    publishedIdx: index().on(table.publishedAt, table.id),
    budgetIdx: index().on(table.budget, table.id),
    winnerIdx: index().on(table.winner),
  }),
);

/** Tender metadata documents by digest (the publication's and each amendment's); null document = not verified. */
export const tenderMetadata = onchainTable("tender_metadata", (t) => ({
  digest: t.hex().primaryKey(),
  status: t.text().notNull(),
  document: t.json(),
}));

/** A bidder's bid; its price only once revealed. */
export const bid = onchainTable(
  "bid",
  (t) => ({
    tenderId: t.bigint().notNull(),
    bidder: t.hex().notNull(),
    sequence: t.integer().notNull(),
    committedAt: t.integer().notNull(),
    revealed: t.boolean().notNull(),
    price: t.bigint(),
    withdrawn: t.boolean().notNull(),
    passedOver: t.boolean().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.tenderId, table.bidder] }), tenderIdx: index().on(table.tenderId), bidderIdx: index().on(table.bidder) }),
);

export const complaint = onchainTable(
  "complaint",
  (t) => ({
    tenderId: t.bigint().notNull(),
    complaintId: t.bigint().notNull(),
    by: t.hex().notNull(),
    digest: t.hex().notNull(),
    filedAt: t.integer().notNull(),
    resolveBy: t.integer().notNull(),
    outcome: t.text().notNull(), // pending | dismissed | upheld | lapsed
    resolutionDigest: t.hex(),
    resolvedBy: t.hex(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.tenderId, table.complaintId] }), tenderIdx: index().on(table.tenderId) }),
);

export const milestone = onchainTable(
  "milestone",
  (t) => ({
    tenderId: t.bigint().notNull(),
    index: t.integer().notNull(),
    shareBps: t.integer().notNull(),
    descriptionDigest: t.hex().notNull(),
    state: t.text().notNull(), // pending | delivered | accepted
    deliveryDigest: t.hex(),
    deliveredAt: t.integer(),
    paid: t.bigint().notNull(),
    acceptedAt: t.integer(),
    rejections: t.integer().notNull(),
  }),
  (table) => ({ pk: primaryKey({ columns: [table.tenderId, table.index] }), tenderIdx: index().on(table.tenderId) }),
);

/** Credited (pull payments: milestone payments, refunds, bonds) and Withdrawn, one row per event. */
export const payment = onchainTable(
  "payment",
  (t) => ({
    id: t.text().primaryKey(), // block-logIndex
    kind: t.text().notNull(), // credit | withdrawal
    account: t.hex().notNull(),
    tenderId: t.bigint(),
    amount: t.bigint().notNull(),
    reason: t.text(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
  }),
  (table) => ({ accountIdx: index().on(table.account), tenderIdx: index().on(table.tenderId), reasonIdx: index().on(table.reason) }),
);

/** Every event of a tender, in chain order; `args` uses lib/ocds.ts's TenderEvent shape (numbers and strings). */
export const tenderEvent = onchainTable(
  "tender_event",
  (t) => ({
    id: t.text().primaryKey(), // block-logIndex
    tenderId: t.bigint().notNull(),
    name: t.text().notNull(),
    args: t.json().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ tenderIdx: index().on(table.tenderId, table.blockNumber, table.logIndex) }),
);

/** Contract settings the API needs (e.g. "supervisingDepartment" from SupervisingDepartmentSet). */
export const setting = onchainTable("setting", (t) => ({
  key: t.text().primaryKey(),
  value: t.text().notNull(),
}));

/** A certificate issued singly (CertificateIssued); `recordedStatus` is what the events set (Issued,
 * Suspended, Revoked, Superseded); validity in time (NotYetValid, Expired) is computed when read. */
export const certificate = onchainTable(
  "certificate",
  (t) => ({
    digest: t.hex().primaryKey(),
    typeId: t.integer().notNull(),
    departmentId: t.integer().notNull(),
    issuedBy: t.hex().notNull(),
    holderCommitment: t.hex().notNull(),
    validFrom: t.integer().notNull(),
    validUntil: t.integer().notNull(),
    statusIndex: t.integer().notNull(),
    metadataURI: t.text().notNull(),
    issuedAt: t.integer().notNull(),
    issuedBlock: t.bigint().notNull(),
    recordedStatus: t.text().notNull(),
    supersededBy: t.hex(),
  }),
  (table) => ({ departmentIdx: index().on(table.departmentId) }),
);

/** Every status event of a certificate (issue included), in chain order. */
export const certificateStatusChange = onchainTable(
  "certificate_status_change",
  (t) => ({
    id: t.text().primaryKey(), // block-logIndex
    digest: t.hex().notNull(),
    status: t.text().notNull(),
    by: t.hex().notNull(),
    reasonCode: t.integer(),
    replacement: t.hex(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ digestIdx: index().on(table.digest) }),
);

/** A licence application and where it stands (LicenseRegistry's Stage). */
export const application = onchainTable("application", (t) => ({
  id: t.bigint().primaryKey(),
  typeId: t.integer().notNull(),
  applicant: t.hex().notNull(),
  subjectId: t.hex().notNull(),
  renewalOf: t.bigint().notNull(),
  stage: t.text().notNull(), // Pending | Rejected | Issued | Withdrawn
  round: t.integer().notNull(),
  submittedAt: t.integer().notNull(),
  decidedAt: t.integer(),
  licenseId: t.bigint(),
}), (table) => ({ applicantIdx: index().on(table.applicant) }));

/** Every event of an application (submission, amendments, each department's decision, withdrawal, issue). */
export const applicationEvent = onchainTable(
  "application_event",
  (t) => ({
    id: t.text().primaryKey(), // block-logIndex
    applicationId: t.bigint().notNull(),
    name: t.text().notNull(),
    departmentId: t.integer(),
    account: t.hex(),
    reasonCode: t.integer(),
    commentDigest: t.hex(),
    round: t.integer(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ applicationIdx: index().on(table.applicationId) }),
);

export const license = onchainTable("license", (t) => ({
  id: t.bigint().primaryKey(),
  applicationId: t.bigint().notNull(),
  typeId: t.integer().notNull(),
  holder: t.hex().notNull(),
  licenseNumber: t.text().notNull(),
  validFrom: t.integer().notNull(),
  validUntil: t.integer().notNull(),
  issuedAt: t.integer().notNull(),
  suspended: t.boolean().notNull(),
  revoked: t.boolean().notNull(),
}), (table) => ({ holderIdx: index().on(table.holder) }));

/** Issue, renewals, suspensions, reinstatements and revocation of a licence. */
export const licenseEvent = onchainTable(
  "license_event",
  (t) => ({
    id: t.text().primaryKey(),
    licenseId: t.bigint().notNull(),
    name: t.text().notNull(),
    account: t.hex(),
    reasonCode: t.integer(),
    applicationId: t.bigint(),
    validUntil: t.integer(),
    processingTime: t.integer(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ licenseIdx: index().on(table.licenseId) }),
);

/** The payment token's flows in and out of TenderEscrow (its Transfer events), one row "escrow". */
export const escrowBalance = onchainTable("escrow_balance", (t) => ({
  id: t.text().primaryKey(),
  received: t.bigint().notNull(),
  sent: t.bigint().notNull(),
}));

/** A Merkle batch of certificates (BatchAnchored) and whether it was revoked as a whole. */
export const certificateBatch = onchainTable(
  "certificate_batch",
  (t) => ({
    batchId: t.bigint().primaryKey(),
    root: t.hex().notNull(),
    typeId: t.integer().notNull(),
    departmentId: t.integer().notNull(),
    issuedBy: t.hex().notNull(),
    count: t.integer().notNull(),
    validFrom: t.integer().notNull(),
    validUntil: t.integer().notNull(),
    firstStatusIndex: t.integer().notNull(),
    metadataURI: t.text().notNull(),
    anchoredAt: t.integer().notNull(),
    anchoredBlock: t.bigint().notNull(),
    transactionHash: t.hex().notNull(),
    revoked: t.boolean().notNull(),
  }),
  (table) => ({ rootIdx: index().on(table.root), departmentIdx: index().on(table.departmentId) }),
);

/** Every status event of a batch: one item (`index`) suspended, reinstated or revoked, or the whole batch revoked (`index` null). */
export const batchStatusChange = onchainTable(
  "batch_status_change",
  (t) => ({
    id: t.text().primaryKey(), // block-logIndex
    batchId: t.bigint().notNull(),
    index: t.integer(),
    status: t.text().notNull(), // Suspended | Reinstated | Revoked | BatchRevoked
    by: t.hex().notNull(),
    reasonCode: t.integer(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ batchIdx: index().on(table.batchId) }),
);

/** ConsentRegistry data categories. */
export const consentCategory = onchainTable("consent_category", (t) => ({
  id: t.hex().primaryKey(),
  name: t.text().notNull(),
  active: t.boolean().notNull(),
}));

/** A consent (grant) and its revocation; accesses are in consent_access. */
export const consent = onchainTable(
  "consent",
  (t) => ({
    grantId: t.bigint().primaryKey(),
    subject: t.hex().notNull(),
    departmentId: t.integer().notNull(),
    category: t.hex().notNull(),
    purpose: t.hex().notNull(),
    expiresAt: t.integer().notNull(),
    grantedAt: t.integer().notNull(),
    grantedBlock: t.bigint().notNull(),
    grantedTx: t.hex().notNull(),
    revokedAt: t.integer(),
    revokedBlock: t.bigint(),
    revokedTx: t.hex(),
    accessCount: t.integer().notNull(),
  }),
  (table) => ({ subjectIdx: index().on(table.subject, table.grantId) }),
);

/** Every DataAccessed event: the subject's access trail. */
export const consentAccess = onchainTable(
  "consent_access",
  (t) => ({
    id: t.text().primaryKey(), // block-logIndex
    grantId: t.bigint().notNull(),
    subject: t.hex().notNull(),
    departmentId: t.integer().notNull(),
    official: t.hex().notNull(),
    category: t.hex().notNull(),
    purpose: t.hex().notNull(),
    requestRef: t.hex().notNull(),
    blockNumber: t.bigint().notNull(),
    blockTimestamp: t.integer().notNull(),
    transactionHash: t.hex().notNull(),
    logIndex: t.integer().notNull(),
  }),
  (table) => ({ grantIdx: index().on(table.grantId), subjectIdx: index().on(table.subject) }),
);
