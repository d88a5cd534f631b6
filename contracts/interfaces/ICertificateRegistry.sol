// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ICertificateRegistry
/// @notice Electronic certificates (电子证照): departments issue them, anyone verifies them.
/// A certificate is identified by its document digest, the SHA-256 of the file's bytes (what `sha256sum`
/// prints), so a verifier needs nothing but the file. The holder is a salted commitment: no personal
/// data is on chain. Certificates are issued one by one or as Merkle batches (one root for up to
/// MAX_BATCH_SIZE documents). Every certificate of a type has an index in that type's status lists (W3C
/// Bitstring Status List: one revocation and one suspension bit per index), which off-chain verifiers
/// can read with `statusWords`.
///
/// Who may do what: the platform administrator registers types and chooses which departments may issue
/// each; an acting official (or head) of such a department issues, anchors batches, and changes the
/// status of certificates its department issued; nobody else changes anything. Every state-changing
/// function goes through the access manager, so the guardian can pause the registry (it then refuses
/// every change with `AccessManagedUnauthorized`, while every view keeps answering).
///
/// Status rules: suspension is reversible and only for suspendable types; revocation is final and only
/// for revocable types; `supersede` (a correction) ends the old certificate too, so it is allowed only
/// for revocable types. Once revoked or superseded, a certificate never changes again.
interface ICertificateRegistry {
    // ===== TYPES =====

    /// @notice What a verifier learns about a certificate: Unknown (no such certificate, or a proof that
    /// does not prove the item), Valid, NotYetValid (before validFrom), Expired (at or after validUntil),
    /// Suspended, Revoked, or Superseded (replaced by a corrected certificate). Revoked and Superseded
    /// are final; Suspended takes precedence over the validity dates.
    enum Status {
        Unknown,
        Valid,
        NotYetValid,
        Expired,
        Suspended,
        Revoked,
        Superseded
    }

    /// @notice The two W3C status purposes: the revocation list and the suspension list of a type.
    enum StatusPurpose {
        Revocation,
        Suspension
    }

    /// @notice A certificate type as registered by the platform administrator.
    /// @param id the type's id (1, 2, ...).
    /// @param code its unique code, 2 to 16 characters of A-Z, 0-9, '-' and '_' (e.g. "BIZ-LICENCE").
    /// @param name its human-readable name.
    /// @param defaultValidity seconds from validFrom to the end of validity when an issue gives no end
    /// (0: certificates of this type do not expire unless the issue says so).
    /// @param suspendable whether its certificates can be suspended (and reinstated).
    /// @param revocable whether its certificates can be revoked or superseded (corrected).
    /// @param active whether it is open for new certificates.
    /// @param statusEntries how many status-list indexes it has handed out: its certificates have indexes
    /// 0 to statusEntries - 1 (a batch of n takes n consecutive indexes).
    struct CertificateType {
        uint32 id;
        string code;
        string name;
        uint64 defaultValidity;
        bool suspendable;
        bool revocable;
        bool active;
        uint48 statusEntries;
    }

    /// @notice A single certificate's record, with its status now. The issuing official is not stored:
    /// it is `issuedBy` in the certificate's CertificateIssued event (indexed by digest). Only an acting
    /// official of a department allowed to issue the type can issue, so every record was authorised at
    /// issue; removing the official later does not change that.
    /// @param status the certificate's status now (Unknown, with every other field empty, if none).
    /// @param typeId its certificate type.
    /// @param departmentId the department that issued it (and alone may change its status).
    /// @param issuedAt when it was issued.
    /// @param validFrom the start of its validity.
    /// @param validUntil the end of its validity, exclusive (0: none).
    /// @param statusIndex its index in its type's status lists.
    /// @param holderCommitment the salted commitment to its holder.
    /// @param supersedes the certificate it corrected (zero if none).
    /// @param supersededBy the certificate that corrected it (zero if none).
    struct Verification {
        Status status;
        uint32 typeId;
        uint32 departmentId;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        uint48 statusIndex;
        bytes32 holderCommitment;
        bytes32 supersedes;
        bytes32 supersededBy;
    }

    /// @notice A Merkle batch of certificates. Item i of the batch has status index firstStatusIndex + i.
    /// @param typeId the certificate type of every item.
    /// @param departmentId the department that anchored it (and alone may change its items' status).
    /// @param issuedBy the official who anchored it.
    /// @param issuedAt when it was anchored.
    /// @param validFrom the start of every item's validity.
    /// @param validUntil the end of every item's validity, exclusive (0: none).
    /// @param count how many items it holds (1 to MAX_BATCH_SIZE): indexes 0 to count - 1.
    /// @param firstStatusIndex the status index of item 0.
    /// @param revoked whether the whole batch was revoked (every item then verifies as Revoked and is set
    /// in the type's revocation list).
    /// @param root the Merkle root (OpenZeppelin standard tree); a root is anchored at most once.
    struct Batch {
        uint32 typeId;
        uint32 departmentId;
        address issuedBy;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        uint32 count;
        uint48 firstStatusIndex;
        bool revoked;
        bytes32 root;
    }

    // ===== EVENTS =====

    /// @notice The administrator registered a certificate type.
    /// @param typeId the new type's id.
    /// @param code its unique code.
    /// @param name its name.
    /// @param issuerDepartments the departments allowed to issue it.
    /// @param defaultValidity seconds of validity when an issue gives no end (0: none).
    /// @param suspendable whether its certificates can be suspended.
    /// @param revocable whether its certificates can be revoked or superseded.
    event CertificateTypeRegistered(
        uint32 indexed typeId,
        string code,
        string name,
        uint32[] issuerDepartments,
        uint64 defaultValidity,
        bool suspendable,
        bool revocable
    );
    /// @notice The administrator allowed (`allowed`) or stopped a department issuing a type.
    /// @param typeId the certificate type.
    /// @param departmentId the department.
    /// @param allowed whether the department may issue the type from now on.
    event CertificateTypeIssuerSet(uint32 indexed typeId, uint32 indexed departmentId, bool allowed);
    /// @notice The administrator opened (`active`) or closed a type for new certificates.
    /// @param typeId the certificate type.
    /// @param active whether new certificates of the type can be issued from now on.
    event CertificateTypeActiveSet(uint32 indexed typeId, bool active);
    /// @notice A single certificate was issued (or issued as a replacement by `supersede`). `issuedBy`, the
    /// official who sent the transaction, is recorded only here, not in the registry's storage.
    /// @param digest the document's SHA-256.
    /// @param typeId its certificate type.
    /// @param departmentId the issuing department.
    /// @param issuedBy the official who issued it.
    /// @param holderCommitment the salted commitment to its holder.
    /// @param validFrom the start of its validity.
    /// @param validUntil the end of its validity, exclusive (0: none).
    /// @param statusIndex its index in the type's status lists.
    /// @param metadataURI where its public metadata is published (may be empty).
    event CertificateIssued(
        bytes32 indexed digest,
        uint32 indexed typeId,
        uint32 indexed departmentId,
        address issuedBy,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        uint48 statusIndex,
        string metadataURI
    );
    /// @notice A certificate was suspended.
    /// @param digest the certificate.
    /// @param by the official who suspended it.
    /// @param reasonCode the department's reason code.
    event CertificateSuspended(bytes32 indexed digest, address indexed by, uint16 reasonCode);
    /// @notice A suspended certificate was reinstated.
    /// @param digest the certificate.
    /// @param by the official who reinstated it.
    event CertificateReinstated(bytes32 indexed digest, address indexed by);
    /// @notice A certificate was revoked, for good.
    /// @param digest the certificate.
    /// @param by the official who revoked it.
    /// @param reasonCode the department's reason code.
    event CertificateRevoked(bytes32 indexed digest, address indexed by, uint16 reasonCode);
    /// @notice A certificate was replaced by a corrected one (issued in the same transaction, see its
    /// CertificateIssued event); the old one is now Superseded, for good.
    /// @param digest the old certificate.
    /// @param replacement the corrected certificate.
    /// @param by the official who corrected it.
    /// @param reasonCode the department's reason code.
    event CertificateSuperseded(bytes32 indexed digest, bytes32 indexed replacement, address indexed by, uint16 reasonCode);
    /// @notice A Merkle batch of certificates was anchored.
    /// @param batchId the new batch's id.
    /// @param typeId the certificate type of every item.
    /// @param departmentId the issuing department.
    /// @param issuedBy the official who anchored it.
    /// @param root the Merkle root.
    /// @param count how many items it holds.
    /// @param validFrom the start of every item's validity.
    /// @param validUntil the end of every item's validity, exclusive (0: none).
    /// @param firstStatusIndex the status index of item 0 (item i has firstStatusIndex + i).
    /// @param metadataURI where its public metadata is published (may be empty).
    event BatchAnchored(
        uint256 indexed batchId,
        uint32 indexed typeId,
        uint32 indexed departmentId,
        address issuedBy,
        bytes32 root,
        uint32 count,
        uint48 validFrom,
        uint48 validUntil,
        uint48 firstStatusIndex,
        string metadataURI
    );
    /// @notice One item of a batch was suspended.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    /// @param by the official who suspended it.
    /// @param reasonCode the department's reason code.
    event BatchItemSuspended(uint256 indexed batchId, uint32 indexed index, address indexed by, uint16 reasonCode);
    /// @notice A suspended item of a batch was reinstated.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    /// @param by the official who reinstated it.
    event BatchItemReinstated(uint256 indexed batchId, uint32 indexed index, address indexed by);
    /// @notice One item of a batch was revoked, for good.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    /// @param by the official who revoked it.
    /// @param reasonCode the department's reason code.
    event BatchItemRevoked(uint256 indexed batchId, uint32 indexed index, address indexed by, uint16 reasonCode);
    /// @notice Every item of a batch was revoked, for good.
    /// @param batchId the batch.
    /// @param by the official who revoked it.
    /// @param reasonCode the department's reason code.
    event BatchRevoked(uint256 indexed batchId, address indexed by, uint16 reasonCode);

    // ===== ERRORS =====

    /// @notice A certificate type needs a code.
    error CertificateEmptyTypeCode();
    /// @notice A certificate type code is 2 to 16 characters of A-Z, 0-9, '-' and '_'; `code` is not.
    /// @param code the code that was refused.
    error CertificateInvalidTypeCode(string code);
    /// @notice Another certificate type already uses this code.
    /// @param code the code.
    /// @param typeId the type that uses it.
    error CertificateDuplicateTypeCode(string code, uint32 typeId);
    /// @notice A certificate type needs at least one department allowed to issue it.
    error CertificateNoIssuers();
    /// @notice There is no department with this id.
    /// @param departmentId the id that was given.
    error CertificateUnknownDepartment(uint32 departmentId);
    /// @notice There is no certificate type with this id.
    /// @param typeId the id that was given.
    error CertificateUnknownType(uint32 typeId);
    /// @notice This certificate type is closed for new certificates (the administrator can reopen it).
    /// @param typeId the certificate type.
    error CertificateTypeInactive(uint32 typeId);
    /// @notice The certificate type is already open (`active`) or already closed: nothing to change.
    /// @param typeId the certificate type.
    /// @param active the state that was requested, which it already has.
    error CertificateTypeStatusUnchanged(uint32 typeId, bool active);
    /// @notice The department is already allowed (`allowed`), or already not allowed, to issue this type.
    /// @param typeId the certificate type.
    /// @param departmentId the department.
    /// @param allowed the setting that was requested, which it already has.
    error CertificateTypeIssuerUnchanged(uint32 typeId, uint32 departmentId, bool allowed);
    /// @notice The caller is not an acting official or head of any active department.
    /// @param caller the account that tried.
    error CertificateNotOfficial(address caller);
    /// @notice The caller's department may not issue this type of certificate.
    /// @param typeId the certificate type.
    /// @param departmentId the caller's department.
    error CertificateDepartmentNotIssuer(uint32 typeId, uint32 departmentId);
    /// @notice The document digest must not be zero.
    error CertificateZeroDigest();
    /// @notice The holder commitment must not be zero.
    error CertificateZeroHolder();
    /// @notice A certificate with this document digest already exists.
    /// @param digest the document digest.
    error CertificateAlreadyIssued(bytes32 digest);
    /// @notice The end of validity must come after its start.
    /// @param validFrom the start of validity (now, if none was given).
    /// @param validUntil the end of validity that was given.
    error CertificateInvalidValidity(uint48 validFrom, uint48 validUntil);
    /// @notice The start of validity plus the type's default validity runs past the largest timestamp:
    /// give an explicit end of validity.
    /// @param validFrom the start of validity.
    /// @param defaultValidity the type's default validity in seconds.
    error CertificateValidityOverflow(uint48 validFrom, uint64 defaultValidity);
    /// @notice The type's status lists cannot take this many more entries (they hold at most 2^48 - 1).
    /// @param typeId the certificate type.
    /// @param statusEntries the entries the type has handed out.
    /// @param requested the entries that were asked for.
    error CertificateStatusListFull(uint32 typeId, uint48 statusEntries, uint256 requested);
    /// @notice There is no certificate with this document digest.
    /// @param digest the document digest.
    error CertificateUnknown(bytes32 digest);
    /// @notice Only officials of the department that issued the certificate (or batch) may change its
    /// status, and the caller is not one of them now.
    /// @param issuingDepartment the department that issued it.
    /// @param caller the account that tried.
    error CertificateNotIssuingDepartment(uint32 issuingDepartment, address caller);
    /// @notice Certificates of this type cannot be suspended.
    /// @param typeId the certificate type.
    error CertificateNotSuspendable(uint32 typeId);
    /// @notice Certificates of this type cannot be revoked.
    /// @param typeId the certificate type.
    error CertificateNotRevocable(uint32 typeId);
    /// @notice Certificates of this type cannot be corrected by a replacement: a correction ends the old
    /// certificate, which only a revocable type allows.
    /// @param typeId the certificate type.
    error CertificateNotSupersedable(uint32 typeId);
    /// @notice The certificate is already suspended.
    /// @param digest the certificate.
    error CertificateIsSuspended(bytes32 digest);
    /// @notice The certificate is not suspended, so there is nothing to reinstate.
    /// @param digest the certificate.
    error CertificateNotSuspended(bytes32 digest);
    /// @notice The certificate was revoked or superseded: its status is final and can no longer change.
    /// @param digest the certificate.
    /// @param status Revoked or Superseded.
    error CertificateFinal(bytes32 digest, Status status);
    /// @notice A batch needs at least one item.
    error CertificateEmptyBatch();
    /// @notice A batch holds at most `max` items: split the documents into several batches.
    /// @param count the number of items that was given.
    /// @param max the largest batch allowed (MAX_BATCH_SIZE).
    error CertificateBatchTooLarge(uint32 count, uint32 max);
    /// @notice The Merkle root must not be zero.
    error CertificateZeroRoot();
    /// @notice This Merkle root is already anchored (a root is anchored once, by any department).
    /// @param root the Merkle root.
    /// @param batchId the batch that anchored it.
    error CertificateRootAlreadyAnchored(bytes32 root, uint256 batchId);
    /// @notice There is no batch with this id.
    /// @param batchId the id that was given.
    error CertificateUnknownBatch(uint256 batchId);
    /// @notice The whole batch was revoked: none of its items can change any more.
    /// @param batchId the batch.
    error CertificateBatchRevoked(uint256 batchId);
    /// @notice The batch has no item with this index (items are numbered 0 to count - 1).
    /// @param batchId the batch.
    /// @param index the index that was given.
    /// @param count how many items the batch holds.
    error CertificateBatchIndexOutOfRange(uint256 batchId, uint32 index, uint32 count);
    /// @notice This item of the batch is already suspended.
    /// @param batchId the batch.
    /// @param index the item's index.
    error CertificateBatchItemIsSuspended(uint256 batchId, uint32 index);
    /// @notice This item of the batch is not suspended, so there is nothing to reinstate.
    /// @param batchId the batch.
    /// @param index the item's index.
    error CertificateBatchItemNotSuspended(uint256 batchId, uint32 index);
    /// @notice This item of the batch was revoked: its status is final.
    /// @param batchId the batch.
    /// @param index the item's index.
    error CertificateBatchItemRevoked(uint256 batchId, uint32 index);
    /// @notice A status-list read covers 1 to 1024 words, starting at a word that can hold entries
    /// (below 2^40).
    /// @param typeId the certificate type.
    /// @param fromWord the first word asked for.
    /// @param wordCount the number of words asked for.
    error CertificateInvalidStatusRange(uint32 typeId, uint256 fromWord, uint256 wordCount);

    // ===== TYPES (restricted to the platform administrator) =====

    /// @notice Registers a certificate type that officials of `issuerDepartments` may issue. Errors:
    /// CertificateEmptyTypeCode, CertificateInvalidTypeCode, CertificateDuplicateTypeCode,
    /// CertificateNoIssuers, CertificateUnknownDepartment.
    /// @param code its unique code, 2 to 16 characters of A-Z, 0-9, '-' and '_' (it names the type's
    /// published status lists).
    /// @param name its human-readable name.
    /// @param issuerDepartments the departments whose officials may issue it.
    /// @param defaultValidity seconds from validFrom used when an issue gives no end (0: no expiry).
    /// @param suspendable whether its certificates can be suspended.
    /// @param revocable whether its certificates can be revoked or superseded (corrected).
    /// @return typeId the new type's id.
    function registerType(
        string calldata code,
        string calldata name,
        uint32[] calldata issuerDepartments,
        uint64 defaultValidity,
        bool suspendable,
        bool revocable
    ) external returns (uint32 typeId);

    /// @notice Allows or stops `departmentId` issuing `typeId`. Issued certificates are not affected.
    /// Errors: CertificateUnknownType, CertificateUnknownDepartment, CertificateTypeIssuerUnchanged.
    /// @param typeId the certificate type.
    /// @param departmentId the department.
    /// @param allowed whether it may issue the type from now on.
    function setTypeIssuer(uint32 typeId, uint32 departmentId, bool allowed) external;

    /// @notice Opens or closes a type for new issues. Issued certificates are not affected.
    /// Errors: CertificateUnknownType, CertificateTypeStatusUnchanged.
    /// @param typeId the certificate type.
    /// @param active whether new certificates can be issued from now on.
    function setTypeActive(uint32 typeId, bool active) external;

    // ===== ISSUING (officials of an issuer department) =====

    /// @notice Issues a certificate for the document whose SHA-256 is `digest`, with the type's next
    /// status index. Errors: CertificateUnknownType, CertificateTypeInactive, CertificateNotOfficial,
    /// CertificateDepartmentNotIssuer, CertificateZeroDigest, CertificateZeroHolder,
    /// CertificateAlreadyIssued, CertificateInvalidValidity, CertificateValidityOverflow,
    /// CertificateStatusListFull.
    /// @param typeId the certificate type.
    /// @param digest the document's SHA-256.
    /// @param holderCommitment the salted commitment to the holder (see lib/hashing.ts).
    /// @param validFrom the start of validity (0: now).
    /// @param validUntil the end of validity, exclusive (0: validFrom + the type's default validity, or
    /// none if the type has none).
    /// @param metadataURI where its public metadata is published (may be empty; only in the event).
    /// @return statusIndex the certificate's index in the type's status lists.
    function issue(
        uint32 typeId,
        bytes32 digest,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) external returns (uint48 statusIndex);

    /// @notice Issues `replacement` as the corrected version of `digest`, which becomes Superseded for
    /// good. Same type and department; only officials of the issuing department, only for a revocable
    /// type (a correction ends the old certificate), and only while the department may still issue the
    /// type and the type is open. Errors: CertificateUnknown, CertificateNotIssuingDepartment,
    /// CertificateFinal, CertificateNotSupersedable, CertificateDepartmentNotIssuer,
    /// CertificateTypeInactive, and those of `issue` for the replacement.
    /// @param digest the certificate to correct.
    /// @param replacement the corrected document's SHA-256.
    /// @param holderCommitment the replacement's holder commitment.
    /// @param validFrom the replacement's start of validity (0: now).
    /// @param validUntil the replacement's end of validity (0: from the type's default).
    /// @param reasonCode the department's reason code.
    /// @param metadataURI the replacement's metadata URI (may be empty).
    /// @return statusIndex the replacement's index in the type's status lists.
    function supersede(
        bytes32 digest,
        bytes32 replacement,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        uint16 reasonCode,
        string calldata metadataURI
    ) external returns (uint48 statusIndex);

    /// @notice Suspends a certificate (reversible) with a reason code. Errors: CertificateUnknown,
    /// CertificateNotIssuingDepartment, CertificateFinal, CertificateNotSuspendable, CertificateIsSuspended.
    /// @param digest the certificate.
    /// @param reasonCode the department's reason code.
    function suspend(bytes32 digest, uint16 reasonCode) external;

    /// @notice Lifts a suspension. Errors: CertificateUnknown, CertificateNotIssuingDepartment,
    /// CertificateFinal, CertificateNotSuspended.
    /// @param digest the certificate.
    function reinstate(bytes32 digest) external;

    /// @notice Revokes a certificate for good with a reason code. Errors: CertificateUnknown,
    /// CertificateNotIssuingDepartment, CertificateFinal, CertificateNotRevocable.
    /// @param digest the certificate.
    /// @param reasonCode the department's reason code.
    function revoke(bytes32 digest, uint16 reasonCode) external;

    // ===== MERKLE BATCHES =====

    /// @notice The largest number of items a batch may hold: 65,536. Together with 48-bit status
    /// indexes this keeps a type's status lists from ever filling up (it would take 2^32 batches), and
    /// every batch can be revoked at once in a few storage writes.
    /// @return max the largest batch size.
    function MAX_BATCH_SIZE() external view returns (uint32 max);

    /// @notice Anchors the Merkle root of `count` certificates of `typeId`, which take the type's next
    /// `count` status indexes. Leaves use OpenZeppelin's standard encoding of (uint32 index, bytes32
    /// digest, bytes32 holderCommitment) (see lib/merkle.ts). A root is anchored once. Errors:
    /// CertificateUnknownType, CertificateTypeInactive, CertificateNotOfficial,
    /// CertificateDepartmentNotIssuer, CertificateZeroRoot, CertificateEmptyBatch,
    /// CertificateBatchTooLarge, CertificateRootAlreadyAnchored, CertificateInvalidValidity,
    /// CertificateValidityOverflow, CertificateStatusListFull.
    /// @param typeId the certificate type of every item.
    /// @param root the Merkle root.
    /// @param count how many items the tree holds (1 to MAX_BATCH_SIZE).
    /// @param validFrom the start of every item's validity (0: now).
    /// @param validUntil the end of every item's validity (0: from the type's default).
    /// @param metadataURI where the batch's public metadata is published (may be empty; only in the event).
    /// @return batchId the new batch's id.
    function anchorBatch(
        uint32 typeId,
        bytes32 root,
        uint32 count,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) external returns (uint256 batchId);

    /// @notice Suspends one item of a batch. Errors: CertificateUnknownBatch,
    /// CertificateNotIssuingDepartment, CertificateBatchIndexOutOfRange, CertificateBatchRevoked,
    /// CertificateBatchItemRevoked, CertificateNotSuspendable, CertificateBatchItemIsSuspended.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    /// @param reasonCode the department's reason code.
    function suspendBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external;

    /// @notice Lifts the suspension of one item of a batch. Errors: CertificateUnknownBatch,
    /// CertificateNotIssuingDepartment, CertificateBatchIndexOutOfRange, CertificateBatchRevoked,
    /// CertificateBatchItemRevoked, CertificateBatchItemNotSuspended.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    function reinstateBatchItem(uint256 batchId, uint32 index) external;

    /// @notice Revokes one item of a batch for good. Errors: CertificateUnknownBatch,
    /// CertificateNotIssuingDepartment, CertificateBatchIndexOutOfRange, CertificateBatchRevoked,
    /// CertificateBatchItemRevoked, CertificateNotRevocable.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    /// @param reasonCode the department's reason code.
    function revokeBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external;

    /// @notice Revokes every item of a batch for good (e.g. a batch anchored in error). The cost does not
    /// grow with one write per 256 items: a batch of MAX_BATCH_SIZE is revoked in a few storage writes.
    /// Every item then verifies as Revoked and is set in the type's revocation list. Errors:
    /// CertificateUnknownBatch, CertificateNotIssuingDepartment, CertificateBatchRevoked,
    /// CertificateNotRevocable.
    /// @param batchId the batch.
    /// @param reasonCode the department's reason code.
    function revokeBatch(uint256 batchId, uint16 reasonCode) external;

    // ===== VIEWS =====

    /// @notice Everything about the certificate with document digest `digest`; status Unknown if none.
    /// @param digest the document's SHA-256.
    /// @return verification the certificate's record and status now.
    function verify(bytes32 digest) external view returns (Verification memory verification);

    /// @notice The status of item `index` of a batch, given its digest, holder commitment and proof.
    /// Unknown if there is no such batch or item, or the proof does not prove that leaf under the root.
    /// @param batchId the batch.
    /// @param index the item's index in the batch.
    /// @param digest the item's document SHA-256.
    /// @param holderCommitment the item's holder commitment.
    /// @param proof the item's Merkle proof (from the batch file).
    /// @return status the item's status now.
    function verifyBatchItem(
        uint256 batchId,
        uint32 index,
        bytes32 digest,
        bytes32 holderCommitment,
        bytes32[] calldata proof
    ) external view returns (Status status);

    /// @notice The batch with id `batchId`. Errors: CertificateUnknownBatch.
    /// @param batchId the batch.
    /// @return record the batch.
    function batch(uint256 batchId) external view returns (Batch memory record);

    /// @notice The batch that anchored `root`, or 0 if none did: a holder with a root and a proof finds
    /// the batch id here.
    /// @param root the Merkle root.
    /// @return batchId the batch's id, or 0.
    function batchIdOfRoot(bytes32 root) external view returns (uint256 batchId);

    /// @notice How many batches were anchored. Ids run from 1 to this number.
    /// @return count the number of batches.
    function batchCount() external view returns (uint256 count);

    /// @notice The certificate type with id `typeId`. Errors: CertificateUnknownType.
    /// @param typeId the certificate type.
    /// @return certificateType_ the type.
    function certificateType(uint32 typeId) external view returns (CertificateType memory certificateType_);

    /// @notice How many certificate types are registered. Ids run from 1 to this number.
    /// @return count the number of types.
    function typeCount() external view returns (uint32 count);

    /// @notice Whether officials of `departmentId` may issue `typeId` now (false for an unknown type or
    /// department).
    /// @param typeId the certificate type.
    /// @param departmentId the department.
    /// @return allowed whether it may issue.
    function canIssue(uint32 typeId, uint32 departmentId) external view returns (bool allowed);

    /// @notice `wordCount` 256-bit words of a type's status list, from word `fromWord`. Bit i of the
    /// list is the most significant-first bit i of the concatenated big-endian words, exactly the W3C
    /// bitstring: base64url(gzip(bytes)) is the encodedList. Every item of a revoked batch is set in the
    /// revocation list; a superseded certificate too. Errors: CertificateUnknownType,
    /// CertificateInvalidStatusRange.
    /// @param typeId the certificate type.
    /// @param purpose Revocation or Suspension.
    /// @param fromWord the first word (word w holds indexes 256w to 256w + 255).
    /// @param wordCount how many words (1 to 1024).
    /// @return words the words, in order.
    function statusWords(
        uint32 typeId,
        StatusPurpose purpose,
        uint256 fromWord,
        uint256 wordCount
    ) external view returns (uint256[] memory words);
}
