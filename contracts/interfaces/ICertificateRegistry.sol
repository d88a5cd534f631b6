// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ICertificateRegistry
/// @notice Electronic certificates (电子证照): departments issue them, anyone verifies them.
/// A certificate is identified by its document digest, the SHA-256 of the file's bytes (what `sha256sum`
/// prints), so a verifier needs nothing but the file. The holder is a salted commitment: no personal
/// data is on chain. Certificates are issued one by one or as Merkle batches (one root for thousands of
/// documents). Every certificate of a type has an index in that type's status lists (W3C Bitstring
/// Status List: one revocation and one suspension bit per index), which off-chain verifiers can read.
interface ICertificateRegistry {
    // ===== TYPES =====

    /// @notice What a verifier learns about a certificate.
    enum Status {
        Unknown,
        Valid,
        NotYetValid,
        Expired,
        Suspended,
        Revoked,
        Superseded
    }

    /// @notice The two W3C status purposes.
    enum StatusPurpose {
        Revocation,
        Suspension
    }

    /// @notice A certificate type as registered by the platform administrator.
    struct CertificateType {
        uint32 id;
        string code;
        string name;
        uint64 defaultValidity;
        bool suspendable;
        bool revocable;
        bool active;
        uint32 statusEntries;
    }

    /// @notice A single certificate's record, with its status now. The issuing official is not stored:
    /// it is `issuedBy` in the certificate's CertificateIssued event (indexed by digest). Only an acting
    /// official of a department allowed to issue the type can issue, so every record was authorised at
    /// issue; removing the official later does not change that.
    struct Verification {
        Status status;
        uint32 typeId;
        uint32 departmentId;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        uint32 statusIndex;
        bytes32 holderCommitment;
        bytes32 supersedes;
        bytes32 supersededBy;
    }

    /// @notice A Merkle batch of certificates.
    struct Batch {
        uint32 typeId;
        uint32 departmentId;
        address issuedBy;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        uint32 count;
        uint32 firstStatusIndex;
        bool revoked;
        bytes32 root;
    }

    // ===== EVENTS =====

    event CertificateTypeRegistered(
        uint32 indexed typeId,
        string code,
        string name,
        uint32[] issuerDepartments,
        uint64 defaultValidity,
        bool suspendable,
        bool revocable
    );
    event CertificateTypeIssuerSet(uint32 indexed typeId, uint32 indexed departmentId, bool allowed);
    event CertificateTypeActiveSet(uint32 indexed typeId, bool active);
    /// @notice A single certificate issued (or issued as a replacement by `supersede`). `issuedBy`, the
    /// official who sent the transaction, is recorded only here, not in the registry's storage.
    event CertificateIssued(
        bytes32 indexed digest,
        uint32 indexed typeId,
        uint32 indexed departmentId,
        address issuedBy,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        uint32 statusIndex,
        string metadataURI
    );
    event CertificateSuspended(bytes32 indexed digest, address indexed by, uint16 reasonCode);
    event CertificateReinstated(bytes32 indexed digest, address indexed by);
    event CertificateRevoked(bytes32 indexed digest, address indexed by, uint16 reasonCode);
    event CertificateSuperseded(bytes32 indexed digest, bytes32 indexed replacement, address indexed by, uint16 reasonCode);
    event BatchAnchored(
        uint256 indexed batchId,
        uint32 indexed typeId,
        uint32 indexed departmentId,
        address issuedBy,
        bytes32 root,
        uint32 count,
        uint48 validFrom,
        uint48 validUntil,
        uint32 firstStatusIndex,
        string metadataURI
    );
    event BatchItemSuspended(uint256 indexed batchId, uint32 indexed index, address indexed by, uint16 reasonCode);
    event BatchItemReinstated(uint256 indexed batchId, uint32 indexed index, address indexed by);
    event BatchItemRevoked(uint256 indexed batchId, uint32 indexed index, address indexed by, uint16 reasonCode);
    event BatchRevoked(uint256 indexed batchId, address indexed by, uint16 reasonCode);

    // ===== ERRORS =====

    error CertificateEmptyTypeCode();
    error CertificateDuplicateTypeCode(string code, uint32 typeId);
    error CertificateNoIssuers();
    error CertificateUnknownDepartment(uint32 departmentId);
    error CertificateUnknownType(uint32 typeId);
    error CertificateTypeInactive(uint32 typeId);
    error CertificateTypeStatusUnchanged(uint32 typeId, bool active);
    error CertificateTypeIssuerUnchanged(uint32 typeId, uint32 departmentId, bool allowed);
    /// @notice The caller is not an official of any active department.
    error CertificateNotOfficial(address caller);
    /// @notice The caller's department may not issue this type.
    error CertificateDepartmentNotIssuer(uint32 typeId, uint32 departmentId);
    error CertificateZeroDigest();
    error CertificateZeroHolder();
    error CertificateAlreadyIssued(bytes32 digest);
    error CertificateInvalidValidity(uint48 validFrom, uint48 validUntil);
    /// @notice validFrom plus the type's default validity does not fit a uint48 timestamp.
    error CertificateValidityOverflow(uint48 validFrom, uint64 defaultValidity);
    error CertificateUnknown(bytes32 digest);
    /// @notice Only officials of the issuing department may change a certificate's status.
    error CertificateNotIssuingDepartment(uint32 issuingDepartment, address caller);
    error CertificateNotSuspendable(uint32 typeId);
    error CertificateNotRevocable(uint32 typeId);
    error CertificateIsSuspended(bytes32 digest);
    error CertificateNotSuspended(bytes32 digest);
    /// @notice The certificate was revoked or superseded: its status is final.
    error CertificateFinal(bytes32 digest, Status status);
    error CertificateEmptyBatch();
    error CertificateZeroRoot();
    error CertificateUnknownBatch(uint256 batchId);
    error CertificateBatchRevoked(uint256 batchId);
    error CertificateBatchIndexOutOfRange(uint256 batchId, uint32 index, uint32 count);
    error CertificateBatchItemIsSuspended(uint256 batchId, uint32 index);
    error CertificateBatchItemNotSuspended(uint256 batchId, uint32 index);
    error CertificateBatchItemRevoked(uint256 batchId, uint32 index);
    error CertificateInvalidStatusRange(uint32 typeId, uint256 fromWord, uint256 wordCount);

    // ===== TYPES (restricted to the platform administrator) =====

    /// @notice Registers a certificate type that officials of `issuerDepartments` may issue.
    /// @param defaultValidity seconds from validFrom used when an issue gives no end (0: no expiry).
    function registerType(
        string calldata code,
        string calldata name,
        uint32[] calldata issuerDepartments,
        uint64 defaultValidity,
        bool suspendable,
        bool revocable
    ) external returns (uint32 typeId);

    /// @notice Allows or stops `departmentId` issuing `typeId`. Issued certificates are not affected.
    function setTypeIssuer(uint32 typeId, uint32 departmentId, bool allowed) external;

    /// @notice Opens or closes a type for new issues. Issued certificates are not affected.
    function setTypeActive(uint32 typeId, bool active) external;

    // ===== ISSUING (officials of an issuer department) =====

    /// @notice Issues a certificate for the document whose SHA-256 is `digest`.
    /// @param validFrom 0: now. @param validUntil 0: validFrom + the type's default validity (or none).
    function issue(
        uint32 typeId,
        bytes32 digest,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) external returns (uint32 statusIndex);

    /// @notice Issues `replacement` as the corrected version of `digest`, which becomes Superseded.
    /// Same type; only officials of the issuing department.
    function supersede(
        bytes32 digest,
        bytes32 replacement,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        uint16 reasonCode,
        string calldata metadataURI
    ) external returns (uint32 statusIndex);

    /// @notice Suspends a certificate (reversible) with a reason code.
    function suspend(bytes32 digest, uint16 reasonCode) external;

    /// @notice Lifts a suspension.
    function reinstate(bytes32 digest) external;

    /// @notice Revokes a certificate for good with a reason code.
    function revoke(bytes32 digest, uint16 reasonCode) external;

    // ===== MERKLE BATCHES =====

    /// @notice Anchors the Merkle root of `count` certificates of `typeId`. Leaves use OpenZeppelin's
    /// standard encoding of (uint32 index, bytes32 digest, bytes32 holderCommitment).
    function anchorBatch(
        uint32 typeId,
        bytes32 root,
        uint32 count,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) external returns (uint256 batchId);

    function suspendBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external;

    function reinstateBatchItem(uint256 batchId, uint32 index) external;

    function revokeBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external;

    /// @notice Revokes every item of a batch (e.g. a batch anchored in error).
    function revokeBatch(uint256 batchId, uint16 reasonCode) external;

    // ===== VIEWS =====

    /// @notice Everything about the certificate with document digest `digest`; status Unknown if none.
    function verify(bytes32 digest) external view returns (Verification memory);

    /// @notice The status of item `index` of a batch, given its digest, holder commitment and proof.
    /// Unknown if the proof does not prove that leaf under the batch root.
    function verifyBatchItem(
        uint256 batchId,
        uint32 index,
        bytes32 digest,
        bytes32 holderCommitment,
        bytes32[] calldata proof
    ) external view returns (Status);

    function batch(uint256 batchId) external view returns (Batch memory);

    function batchCount() external view returns (uint256);

    function certificateType(uint32 typeId) external view returns (CertificateType memory);

    function typeCount() external view returns (uint32);

    function canIssue(uint32 typeId, uint32 departmentId) external view returns (bool);

    /// @notice `wordCount` 256-bit words of a type's status list, from word `fromWord`. Bit i of the
    /// list is the most significant-first bit i of the concatenated big-endian words, exactly the W3C
    /// bitstring: base64url(gzip(bytes)) is the encodedList.
    function statusWords(
        uint32 typeId,
        StatusPurpose purpose,
        uint256 fromWord,
        uint256 wordCount
    ) external view returns (uint256[] memory);
}
