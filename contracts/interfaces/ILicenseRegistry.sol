// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title ILicenseRegistry
/// @notice Licences issued by the contract itself (智能合约自动审核发放): an applicant submits an
/// application, every required department approves it (by transaction, or by EIP-712 signatures that
/// anyone submits together), and the last approval issues the licence in the same transaction as a
/// non-transferable token. The issuing department suspends, reinstates and revokes; renewals collect
/// the renewal departments' approvals the same way.
interface ILicenseRegistry {
    // ===== TYPES =====

    enum Stage {
        None,
        Pending,
        Rejected,
        Issued,
        Withdrawn
    }

    enum LicenseStatus {
        None,
        Valid,
        Expired,
        Suspended,
        Revoked
    }

    struct LicenseType {
        uint32 id;
        string code;
        string name;
        uint32 issuingDepartment;
        uint64 validity;
        bool renewable;
        bool active;
        uint32[] requiredDepartments;
        uint32[] renewalDepartments;
    }

    struct Application {
        uint32 typeId;
        Stage stage;
        bool renewal;
        uint32 round;
        uint64 nonce;
        uint32 approvalMask;
        address applicant;
        uint48 submittedAt;
        uint48 decidedAt;
        bytes32 subjectId;
        bytes32 documentsHash;
        uint256 licenseId;
    }

    struct License {
        uint32 typeId;
        bool suspended;
        bool revoked;
        address holder;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        uint16 year;
        uint32 sequence;
        bytes32 subjectId;
        uint256 applicationId;
    }

    /// @notice One department's approval signed off chain (EIP-712, see APPROVAL_TYPEHASH).
    struct SignedApproval {
        address signer;
        uint32 departmentId;
        bytes32 commentDigest;
        uint64 nonce;
        uint48 signedAt;
        uint48 deadline;
        bytes signature;
    }

    // ===== EVENTS =====

    event LicenseTokenConnected(address indexed token);
    event LicenseTypeRegistered(
        uint32 indexed typeId,
        string code,
        string name,
        uint32 issuingDepartment,
        uint64 validity,
        bool renewable,
        uint32[] requiredDepartments,
        uint32[] renewalDepartments
    );
    event LicenseTypeActiveSet(uint32 indexed typeId, bool active);
    event ApplicationSubmitted(
        uint256 indexed applicationId,
        uint32 indexed typeId,
        address indexed applicant,
        bytes32 subjectId,
        bytes32[] documentDigests,
        uint256 renewalOf
    );
    event ApplicationAmended(uint256 indexed applicationId, uint32 round, bytes32[] documentDigests);
    event ApplicationApproved(
        uint256 indexed applicationId,
        uint32 indexed departmentId,
        address indexed official,
        bytes32 commentDigest,
        bool bySignature
    );
    event ApplicationRejected(
        uint256 indexed applicationId,
        uint32 indexed departmentId,
        address indexed official,
        uint16 reasonCode,
        bytes32 commentDigest
    );
    event ApplicationWithdrawn(uint256 indexed applicationId);
    /// @param processingTime seconds from the (last) submission to issue: the benefit metric.
    event LicenseIssued(
        uint256 indexed licenseId,
        uint256 indexed applicationId,
        uint32 indexed typeId,
        address holder,
        string licenseNumber,
        uint48 validFrom,
        uint48 validUntil,
        uint48 processingTime
    );
    event LicenseRenewed(
        uint256 indexed licenseId,
        uint256 indexed applicationId,
        uint48 validUntil,
        uint48 processingTime
    );
    event LicenseSuspended(uint256 indexed licenseId, address indexed by, uint16 reasonCode);
    event LicenseReinstated(uint256 indexed licenseId, address indexed by);
    event LicenseRevoked(uint256 indexed licenseId, address indexed by, uint16 reasonCode);

    // ===== ERRORS =====

    error LicenseEmptyTypeCode();
    error LicenseDuplicateTypeCode(string code, uint32 typeId);
    error LicenseUnknownDepartment(uint32 departmentId);
    error LicenseNoRequiredDepartments();
    error LicenseTooManyDepartments(uint256 count, uint256 max);
    error LicenseDuplicateDepartment(uint32 departmentId);
    error LicenseZeroValidity();
    error LicenseValidityTooLong(uint64 validity, uint64 max);
    error LicenseUnknownType(uint32 typeId);
    error LicenseTypeInactive(uint32 typeId);
    error LicenseTypeStatusUnchanged(uint32 typeId, bool active);
    error LicenseNoDocuments();
    error LicenseZeroDigest(uint256 position);
    error LicenseAlreadyHeld(address applicant, uint32 typeId, uint256 licenseId);
    error LicenseApplicationOpen(address applicant, uint32 typeId, uint256 applicationId);
    error LicenseUnknownApplication(uint256 applicationId);
    error LicenseWrongStage(uint256 applicationId, Stage stage);
    error LicenseNotApplicant(uint256 applicationId, address caller);
    error LicenseNotOfficial(address caller);
    error LicenseDepartmentNotRequired(uint256 applicationId, uint32 departmentId);
    error LicenseDuplicateApproval(uint256 applicationId, uint32 departmentId);
    error LicenseNoSignatures();
    error LicenseSignersNotSorted(address previous, address signer);
    error LicenseSignatureExpired(address signer, uint48 deadline);
    error LicenseSignedInFuture(address signer, uint48 signedAt);
    /// @notice A signature dated before the application was (re)submitted.
    error LicenseSignedBeforeSubmission(address signer, uint48 signedAt, uint48 submittedAt);
    error LicenseStaleNonce(address signer, uint64 expected, uint64 given);
    error LicenseInvalidSignature(address signer);
    error LicenseSignerNotOfficial(address signer, uint32 departmentId, uint48 signedAt);
    error LicenseUnknown(uint256 licenseId);
    error LicenseUnknownNumber(string licenseNumber);
    error LicenseNotIssuingDepartment(uint32 issuingDepartment, address caller);
    error LicenseIsRevoked(uint256 licenseId);
    error LicenseIsSuspended(uint256 licenseId);
    error LicenseNotSuspended(uint256 licenseId);
    error LicenseNotRenewable(uint32 typeId);
    /// @notice The holder has since been issued `current`, a newer licence of the same type.
    error LicenseReplaced(uint256 licenseId, uint256 current);
    error LicenseNotHolder(uint256 licenseId, address caller);
    error LicenseTokenUnauthorized(address caller);
    error LicenseTokenAlreadySet(address token);
    error LicenseTokenMismatch(address token);
    error LicenseInvalidLimit(uint256 limit, uint256 max);

    // ===== ADMINISTRATION (restricted) =====

    /// @notice Registers a licence type. `requiredDepartments` must all approve an application;
    /// `issuingDepartment` owns suspension and revocation; `renewalDepartments` approve renewals.
    function registerLicenseType(
        string calldata code,
        string calldata name,
        uint32 issuingDepartment,
        uint32[] calldata requiredDepartments,
        uint64 validity,
        bool renewable,
        uint32[] calldata renewalDepartments
    ) external returns (uint32 typeId);

    /// @notice Opens or closes a type for new applications.
    function setLicenseTypeActive(uint32 typeId, bool active) external;

    // ===== APPLICATIONS =====

    /// @notice Applies for a licence of `typeId`.
    /// @param subjectId the public identifier of the licensee (e.g. the unified social credit code),
    /// never personal data. @param documentDigests SHA-256 digests of the application documents.
    function submit(uint32 typeId, bytes32 subjectId, bytes32[] calldata documentDigests)
        external
        returns (uint256 applicationId);

    /// @notice Applies to renew licence `licenseId` (its holder only; renewable types only).
    function submitRenewal(uint256 licenseId, bytes32[] calldata documentDigests)
        external
        returns (uint256 applicationId);

    /// @notice Amends a rejected application and submits it again; earlier approvals are cleared.
    function amend(uint256 applicationId, bytes32[] calldata documentDigests) external;

    /// @notice The applicant withdraws a pending or rejected application.
    function withdraw(uint256 applicationId) external;

    /// @notice The caller, an official of a required department, approves. The last approval issues.
    function approve(uint256 applicationId, bytes32 commentDigest) external;

    /// @notice The caller, an official of a required department, rejects with a reason.
    function reject(uint256 applicationId, uint16 reasonCode, bytes32 commentDigest) external;

    /// @notice Submits approvals signed off chain (anyone may send them). Signers sorted ascending by
    /// address, each an official of a distinct required department at `signedAt`. A signature counts if
    /// it recovers (ECDSA) to its signer, or else if the signer, a contract wallet, accepts it (ERC-1271).
    function submitApprovals(uint256 applicationId, SignedApproval[] calldata approvals) external;

    // ===== LICENCE LIFECYCLE (issuing department) =====

    function suspend(uint256 licenseId, uint16 reasonCode) external;

    function reinstate(uint256 licenseId) external;

    function revoke(uint256 licenseId, uint16 reasonCode) external;

    // ===== VIEWS =====

    function licenseStatus(uint256 licenseId) external view returns (LicenseStatus);

    function hasValidLicense(address account, uint32 typeId) external view returns (bool);

    function licenseOf(address account, uint32 typeId) external view returns (uint256 licenseId);

    function getLicense(uint256 licenseId) external view returns (License memory);

    function licenseNumber(uint256 licenseId) external view returns (string memory);

    function licenseByNumber(string calldata licenseNumber_) external view returns (uint256 licenseId);

    function getApplication(uint256 applicationId) external view returns (Application memory);

    function applicationsOf(address applicant, uint256 offset, uint256 limit) external view returns (uint256[] memory);

    /// @notice Pending applications awaiting `departmentId`'s approval, scanning the department's inbox
    /// from `cursor`. @return ids up to `limit` ids; next the cursor to continue from (0: done).
    function pendingFor(uint32 departmentId, uint256 cursor, uint256 limit)
        external
        view
        returns (uint256[] memory ids, uint256 next);

    function licenseType(uint32 typeId) external view returns (LicenseType memory);

    function typeCount() external view returns (uint32);

    function applicationCount() external view returns (uint256);

    /// @notice The EIP-712 digest an official signs to approve.
    function approvalDigest(
        uint256 applicationId,
        uint32 departmentId,
        bytes32 commentDigest,
        uint64 nonce,
        uint48 signedAt,
        uint48 deadline
    ) external view returns (bytes32);

    function token() external view returns (address);
}
