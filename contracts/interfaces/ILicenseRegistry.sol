// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ILicenseToken} from "./ILicenseToken.sol";

/// @title ILicenseRegistry
/// @notice Licences issued by the contract itself (智能合约自动审核发放): an applicant submits an
/// application, every required department approves it (by transaction, or by EIP-712 signatures that
/// anyone submits), and the last approval issues the licence in the same transaction as a
/// non-transferable token. The issuing department suspends, reinstates and revokes; renewals collect
/// the renewal departments' approvals the same way.
/// @dev The rules the dApp can rely on:
/// - One subject, one licence: per licence type and subject (e.g. a unified social credit code) there is
///   at most one application under review (Pending) and at most one licence in force (valid or
///   suspended), whichever address applies. Per applicant address and type, at most one open (pending or
///   rejected) application and one licence in force.
/// - An approval counts once per department and round. A signed approval names the application's
///   current round (amending moves it on and clears the approvals), and counts only if its signer is an
///   acting official of that department when it is submitted, not when it was signed (as Safe checks its
///   owners at execution). Signatures may be submitted by anyone, in any grouping and order; an entry
///   for a department already counted is skipped.
/// - Every state-changing function goes through the access manager (`restricted`), so the guardian can
///   pause the registry; views keep answering during a pause.
interface ILicenseRegistry {
    // ===== TYPES =====

    /// @notice Where an application stands. None: no such application; Pending: under review by the
    /// required departments; Rejected: a department rejected it (the applicant may amend it, which makes
    /// it Pending again, or withdraw it); Issued: fully approved, licence issued or renewed; Withdrawn:
    /// withdrawn by the applicant. Issued and Withdrawn are final.
    enum Stage {
        None,
        Pending,
        Rejected,
        Issued,
        Withdrawn
    }

    /// @notice A licence's status now. None: no such licence; Valid: in force; Expired: its validity
    /// ended (a renewal can revive it); Suspended: suspended by the issuing department (until reinstated);
    /// Revoked: revoked by the issuing department, for good. Revoked outranks Suspended, which outranks
    /// Expired.
    enum LicenseStatus {
        None,
        Valid,
        Expired,
        Suspended,
        Revoked
    }

    /// @notice A licence type as the registry reports it.
    /// @param id the type's id (1, 2, ...).
    /// @param code its unique code, 2 to 16 characters of A-Z, 0-9, '-' and '_' (e.g. "BL"); licence
    /// numbers start with it.
    /// @param name its display name (free text, e.g. "营业执照").
    /// @param issuingDepartment the department that suspends, reinstates and revokes its licences.
    /// @param validity how long a licence (or a renewal) is valid, in seconds.
    /// @param renewable whether its licences can be renewed.
    /// @param active whether it accepts new applications now.
    /// @param requiredDepartments the departments that must all approve a new application.
    /// @param renewalDepartments the departments that must all approve a renewal (empty if not renewable).
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

    /// @notice An application for a licence or for the renewal of one.
    /// @param typeId the licence type applied for.
    /// @param stage where it stands (see Stage).
    /// @param renewal whether it renews licence `licenseId` (else it applies for a new licence).
    /// @param round 0 at submission, plus one at each amendment; signed approvals name it.
    /// @param approvalMask bit i set: the i-th department of the type's required (or, for a renewal,
    /// renewal) list has approved in this round.
    /// @param submittedAt when it was submitted, or last amended.
    /// @param decidedAt when it was last rejected, or issued or withdrawn (0 while pending).
    /// @param applicant the account that applied; the licence is issued to it.
    /// @param subjectId the licensee's public identifier (e.g. the unified social credit code).
    /// @param documentsHash keccak256 of the packed SHA-256 digests of its documents (see the
    /// ApplicationSubmitted and ApplicationAmended events for the digests themselves).
    /// @param licenseId the licence issued (new licence), or the licence it renews (renewal); 0 until issued
    /// for a new licence.
    struct Application {
        uint32 typeId;
        Stage stage;
        bool renewal;
        uint32 round;
        uint32 approvalMask;
        uint48 submittedAt;
        uint48 decidedAt;
        address applicant;
        bytes32 subjectId;
        bytes32 documentsHash;
        uint256 licenseId;
    }

    /// @notice A licence. Its token (see `token()`) has the same id.
    /// @param typeId its licence type.
    /// @param suspended whether the issuing department has suspended it.
    /// @param revoked whether the issuing department has revoked it (final).
    /// @param holder the account it was issued to (it cannot be transferred).
    /// @param issuedAt when it was issued.
    /// @param validFrom the start of its validity (its issue time).
    /// @param validUntil the end of its validity (exclusive); renewals move it on.
    /// @param year the calendar year of its number (China Standard Time at issue).
    /// @param sequence its sequence number within its type and year.
    /// @param subjectId the licensee's public identifier.
    /// @param applicationId the application that issued it.
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

    /// @notice One department's approval signed off chain: the EIP-712 message
    /// `LicenseApproval(uint256 applicationId,uint32 round,uint32 departmentId,bytes32 commentDigest,uint48 deadline)`
    /// (see APPROVAL_TYPEHASH and `approvalDigest`) and its signature.
    /// @param signer the official who signed (an EOA, or a contract wallet that accepts the signature
    /// through ERC-1271). It must be an acting official of `departmentId` when the approval is submitted.
    /// @param departmentId the department the official approves for.
    /// @param round the application's round the official reviewed; must be its current round.
    /// @param commentDigest a digest of the official's comment (may be zero).
    /// @param deadline the last second at which the approval may be submitted.
    /// @param signature the signature (65-byte ECDSA for an EOA; whatever the wallet accepts otherwise).
    struct SignedApproval {
        address signer;
        uint32 departmentId;
        uint32 round;
        bytes32 commentDigest;
        uint48 deadline;
        bytes signature;
    }

    // ===== EVENTS =====

    /// @notice The licence token was connected to the registry (once, at deployment).
    /// @param token the licence token's address.
    event LicenseTokenConnected(address indexed token);

    /// @notice The administrator registered a licence type.
    /// @param typeId the new type's id.
    /// @param code its code.
    /// @param name its display name.
    /// @param issuingDepartment the department that suspends, reinstates and revokes its licences.
    /// @param validity how long a licence or a renewal is valid, in seconds.
    /// @param renewable whether its licences can be renewed.
    /// @param requiredDepartments the departments that must approve a new application.
    /// @param renewalDepartments the departments that must approve a renewal.
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

    /// @notice The administrator opened (`active`) or closed a type for new applications.
    /// @param typeId the licence type.
    /// @param active whether it accepts new applications now.
    event LicenseTypeActiveSet(uint32 indexed typeId, bool active);

    /// @notice An application (or a renewal application) was submitted; it is Pending, in round 0.
    /// @param applicationId the new application's id.
    /// @param typeId the licence type applied for.
    /// @param applicant the account that applied.
    /// @param subjectId the licensee's public identifier.
    /// @param documentDigests the SHA-256 digests of the application documents.
    /// @param renewalOf the licence it renews, or 0 for a new licence.
    event ApplicationSubmitted(
        uint256 indexed applicationId,
        uint32 indexed typeId,
        address indexed applicant,
        bytes32 subjectId,
        bytes32[] documentDigests,
        uint256 renewalOf
    );

    /// @notice The applicant amended a rejected application: it is Pending again in a new round, with no
    /// approvals.
    /// @param applicationId the application.
    /// @param round its new round; approvals signed for earlier rounds no longer count.
    /// @param documentDigests the SHA-256 digests of the amended documents.
    event ApplicationAmended(uint256 indexed applicationId, uint32 round, bytes32[] documentDigests);

    /// @notice A department's approval was counted.
    /// @param applicationId the application.
    /// @param departmentId the approving department.
    /// @param official the official who approved (the sender, or the signer of a signed approval).
    /// @param commentDigest a digest of the official's comment.
    /// @param bySignature whether it came as a signed approval (else by the official's own transaction).
    event ApplicationApproved(
        uint256 indexed applicationId,
        uint32 indexed departmentId,
        address indexed official,
        bytes32 commentDigest,
        bool bySignature
    );

    /// @notice A department rejected an application; it no longer holds its subject (see `applicationOfSubject`).
    /// @param applicationId the application.
    /// @param departmentId the rejecting department.
    /// @param official the official who rejected.
    /// @param reasonCode the reason, from the departments' catalogue of reasons.
    /// @param commentDigest a digest of the official's comment.
    event ApplicationRejected(
        uint256 indexed applicationId,
        uint32 indexed departmentId,
        address indexed official,
        uint16 reasonCode,
        bytes32 commentDigest
    );

    /// @notice The applicant withdrew an application.
    /// @param applicationId the application.
    event ApplicationWithdrawn(uint256 indexed applicationId);

    /// @notice The last required approval issued a licence and minted its token to the applicant.
    /// @param licenseId the new licence's id (also its token id).
    /// @param applicationId the application that issued it.
    /// @param typeId its licence type.
    /// @param holder the account it was issued to.
    /// @param licenseNumber its number, `<type code>-<year>-<6-digit sequence>`.
    /// @param validFrom the start of its validity.
    /// @param validUntil the end of its validity (exclusive).
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

    /// @notice The last renewal approval extended a licence.
    /// @param licenseId the renewed licence.
    /// @param applicationId the renewal application.
    /// @param validUntil the new end of its validity.
    /// @param processingTime seconds from the (last) submission of the renewal to the renewal.
    event LicenseRenewed(
        uint256 indexed licenseId,
        uint256 indexed applicationId,
        uint48 validUntil,
        uint48 processingTime
    );

    /// @notice The issuing department suspended a licence.
    /// @param licenseId the licence.
    /// @param by the official who suspended it.
    /// @param reasonCode the reason, from the departments' catalogue of reasons.
    event LicenseSuspended(uint256 indexed licenseId, address indexed by, uint16 reasonCode);

    /// @notice The issuing department lifted a licence's suspension.
    /// @param licenseId the licence.
    /// @param by the official who reinstated it.
    event LicenseReinstated(uint256 indexed licenseId, address indexed by);

    /// @notice The issuing department revoked a licence, for good.
    /// @param licenseId the licence.
    /// @param by the official who revoked it.
    /// @param reasonCode the reason, from the departments' catalogue of reasons.
    event LicenseRevoked(uint256 indexed licenseId, address indexed by, uint16 reasonCode);

    // ===== ERRORS =====

    /// @notice A licence type needs a code.
    error LicenseEmptyTypeCode();
    /// @notice A licence type code is 2 to 16 characters of A-Z, 0-9, '-' and '_'; `code` is not.
    error LicenseInvalidTypeCode(string code);
    /// @notice Licence type `typeId` already uses the code `code`.
    error LicenseDuplicateTypeCode(string code, uint32 typeId);
    /// @notice No department has id `departmentId`.
    error LicenseUnknownDepartment(uint32 departmentId);
    /// @notice A licence type needs at least one department to approve its applications (and, if it is
    /// renewable, at least one to approve its renewals).
    error LicenseNoRequiredDepartments();
    /// @notice `count` departments were listed; at most `max` can be.
    error LicenseTooManyDepartments(uint256 count, uint256 max);
    /// @notice Department `departmentId` is listed twice.
    error LicenseDuplicateDepartment(uint32 departmentId);
    /// @notice A licence must be valid for some time: the validity cannot be zero.
    error LicenseZeroValidity();
    /// @notice A validity of `validity` seconds is longer than the maximum of `max` seconds (100 years).
    error LicenseValidityTooLong(uint64 validity, uint64 max);
    /// @notice No licence type has id `typeId`.
    error LicenseUnknownType(uint32 typeId);
    /// @notice Licence type `typeId` is closed for new applications.
    error LicenseTypeInactive(uint32 typeId);
    /// @notice Licence type `typeId` is already open (`active` true) or already closed (false).
    error LicenseTypeStatusUnchanged(uint32 typeId, bool active);
    /// @notice An application needs at least one document.
    error LicenseNoDocuments();
    /// @notice The document digest at position `position` (counting from 0) is empty.
    error LicenseZeroDigest(uint256 position);
    /// @notice An application must name its subject: the subject id cannot be zero.
    error LicenseZeroSubject();
    /// @notice `applicant` already holds licence `licenseId` of type `typeId`, valid or suspended: renew it
    /// instead, or apply again once it has expired or been revoked.
    error LicenseAlreadyHeld(address applicant, uint32 typeId, uint256 licenseId);
    /// @notice The subject `subjectId` already has licence `licenseId` of type `typeId` in force (valid or
    /// suspended), held by some account. One subject holds one licence of a type.
    error LicenseSubjectAlreadyLicensed(uint32 typeId, bytes32 subjectId, uint256 licenseId);
    /// @notice Application `applicationId` for the subject `subjectId` and licence type `typeId` is
    /// already under review. One subject has one application of a type under review at a time.
    error LicenseSubjectApplicationPending(uint32 typeId, bytes32 subjectId, uint256 applicationId);
    /// @notice `applicant` already has application `applicationId` of type `typeId` open (pending or
    /// rejected): amend or withdraw it first.
    error LicenseApplicationOpen(address applicant, uint32 typeId, uint256 applicationId);
    /// @notice No application has id `applicationId`.
    error LicenseUnknownApplication(uint256 applicationId);
    /// @notice Application `applicationId` is at stage `stage`, where this is not possible.
    error LicenseWrongStage(uint256 applicationId, Stage stage);
    /// @notice Only the applicant of application `applicationId` may do this; `caller` is not.
    error LicenseNotApplicant(uint256 applicationId, address caller);
    /// @notice `caller` is not an acting official (or head) of any active department.
    error LicenseNotOfficial(address caller);
    /// @notice Department `departmentId` is not among those that approve application `applicationId`.
    error LicenseDepartmentNotRequired(uint256 applicationId, uint32 departmentId);
    /// @notice Department `departmentId` has already approved application `applicationId` in this round.
    error LicenseDuplicateApproval(uint256 applicationId, uint32 departmentId);
    /// @notice No signed approvals were given.
    error LicenseNoSignatures();
    /// @notice Every department in the signed approvals has already approved application `applicationId`
    /// in this round: nothing new to count.
    error LicenseApprovalsAlreadyCounted(uint256 applicationId);
    /// @notice The approval signed by `signer` could be submitted until `deadline`, which has passed.
    error LicenseSignatureExpired(address signer, uint48 deadline);
    /// @notice The approval signed by `signer` is for round `round` of the application, but it is in round
    /// `currentRound` (it was amended since): the official must review and sign again.
    error LicenseWrongRound(address signer, uint32 round, uint32 currentRound);
    /// @notice The signature does not prove that `signer` signed this approval (wrong key, chain, registry
    /// or altered content, or a contract wallet that does not accept it).
    error LicenseInvalidSignature(address signer);
    /// @notice `signer` is not an acting official (or head) of department `departmentId` now: never
    /// appointed, removed since, or the department is inactive. Approvals count only while their signer
    /// serves.
    error LicenseSignerNotOfficial(address signer, uint32 departmentId);
    /// @notice No licence has id `licenseId`.
    error LicenseUnknown(uint256 licenseId);
    /// @notice No licence has the number `licenseNumber`.
    error LicenseUnknownNumber(string licenseNumber);
    /// @notice Only an acting official of the issuing department `issuingDepartment` may do this; `caller`
    /// is not.
    error LicenseNotIssuingDepartment(uint32 issuingDepartment, address caller);
    /// @notice Licence `licenseId` has been revoked, for good: nothing more can be done with it.
    error LicenseIsRevoked(uint256 licenseId);
    /// @notice Licence `licenseId` is already suspended.
    error LicenseIsSuspended(uint256 licenseId);
    /// @notice Licence `licenseId` is not suspended, so there is nothing to reinstate.
    error LicenseNotSuspended(uint256 licenseId);
    /// @notice Licences of type `typeId` cannot be renewed: apply for a new one.
    error LicenseNotRenewable(uint32 typeId);
    /// @notice Licence `licenseId` has been replaced by licence `current` (a newer licence of the same type
    /// for the same holder or subject), so only `current` can be renewed.
    error LicenseReplaced(uint256 licenseId, uint256 current);
    /// @notice Only the holder of licence `licenseId` may do this; `caller` is not.
    error LicenseNotHolder(uint256 licenseId, address caller);
    /// @notice Only the account that deployed the registry may connect its token; `caller` is not.
    error LicenseTokenUnauthorized(address caller);
    /// @notice The licence token `token` is already connected, once and for all.
    error LicenseTokenAlreadySet(address token);
    /// @notice The token `token` does not name this registry as its minter.
    error LicenseTokenMismatch(address token);
    /// @notice A page holds 1 to `max` entries; `limit` is outside that range.
    error LicenseInvalidLimit(uint256 limit, uint256 max);

    // ===== DEPLOYMENT =====

    /// @notice Connects the licence token, once, by the account that deployed this registry; the token must
    /// name this registry as its minter. Not paused by the guardian (it only ever runs at deployment).
    /// Errors: LicenseTokenUnauthorized, LicenseTokenAlreadySet, LicenseTokenMismatch.
    /// @param token_ the licence token.
    function setToken(ILicenseToken token_) external;

    // ===== ADMINISTRATION (restricted to the platform administrator) =====

    /// @notice Registers a licence type. `requiredDepartments` must all approve an application;
    /// `issuingDepartment` suspends, reinstates and revokes; `renewalDepartments` approve renewals.
    /// Errors: LicenseEmptyTypeCode, LicenseInvalidTypeCode, LicenseDuplicateTypeCode, LicenseZeroValidity,
    /// LicenseValidityTooLong, LicenseUnknownDepartment, LicenseNoRequiredDepartments,
    /// LicenseTooManyDepartments, LicenseDuplicateDepartment.
    /// @param code the type's unique code, 2 to 16 characters of A-Z, 0-9, '-' and '_'.
    /// @param name its display name (free text).
    /// @param issuingDepartment the department that suspends, reinstates and revokes its licences.
    /// @param requiredDepartments the departments that must all approve a new application (1 to 32).
    /// @param validity how long a licence or a renewal is valid, in seconds (at most 100 years).
    /// @param renewable whether its licences can be renewed.
    /// @param renewalDepartments the departments that must all approve a renewal (1 to 32 if renewable;
    /// ignored otherwise).
    /// @return typeId the new type's id (1, 2, ...).
    function registerLicenseType(
        string calldata code,
        string calldata name,
        uint32 issuingDepartment,
        uint32[] calldata requiredDepartments,
        uint64 validity,
        bool renewable,
        uint32[] calldata renewalDepartments
    ) external returns (uint32 typeId);

    /// @notice Opens (`active` true) or closes a type for new applications. Applications already submitted
    /// carry on. Errors: LicenseUnknownType, LicenseTypeStatusUnchanged.
    /// @param typeId the licence type.
    /// @param active whether it accepts new applications from now on.
    function setLicenseTypeActive(uint32 typeId, bool active) external;

    // ===== APPLICATIONS =====

    /// @notice Applies for a licence of `typeId` for the subject `subjectId`. Errors: LicenseUnknownType,
    /// LicenseTypeInactive, LicenseZeroSubject, LicenseAlreadyHeld, LicenseApplicationOpen,
    /// LicenseNoDocuments, LicenseZeroDigest, LicenseSubjectApplicationPending, LicenseSubjectAlreadyLicensed.
    /// @param typeId the licence type.
    /// @param subjectId the public identifier of the licensee (e.g. the unified social credit code),
    /// never personal data; not zero.
    /// @param documentDigests SHA-256 digests of the application documents (at least one, none zero).
    /// @return applicationId the new application's id.
    function submit(
        uint32 typeId,
        bytes32 subjectId,
        bytes32[] calldata documentDigests
    ) external returns (uint256 applicationId);

    /// @notice Applies to renew licence `licenseId` (its holder only; renewable types only; a licence that is
    /// still the current one of its holder and subject). Errors: LicenseUnknown, LicenseNotHolder,
    /// LicenseIsRevoked, LicenseReplaced, LicenseNotRenewable, LicenseApplicationOpen, LicenseNoDocuments,
    /// LicenseZeroDigest, LicenseSubjectApplicationPending.
    /// @param licenseId the licence to renew.
    /// @param documentDigests SHA-256 digests of the renewal documents (at least one, none zero).
    /// @return applicationId the new renewal application's id.
    function submitRenewal(
        uint256 licenseId,
        bytes32[] calldata documentDigests
    ) external returns (uint256 applicationId);

    /// @notice Amends a rejected application and submits it again in the next round; its approvals are
    /// cleared and approvals signed for earlier rounds no longer count. The subject must still be free
    /// (no other application under review; no other licence in force, or for a renewal, the renewed
    /// licence still current and not revoked). Errors: LicenseUnknownApplication, LicenseNotApplicant,
    /// LicenseWrongStage, LicenseNoDocuments, LicenseZeroDigest, LicenseSubjectApplicationPending,
    /// LicenseSubjectAlreadyLicensed, LicenseReplaced, LicenseIsRevoked.
    /// @param applicationId the rejected application.
    /// @param documentDigests SHA-256 digests of the amended documents (at least one, none zero).
    function amend(uint256 applicationId, bytes32[] calldata documentDigests) external;

    /// @notice The applicant withdraws a pending or rejected application. Errors: LicenseUnknownApplication,
    /// LicenseNotApplicant, LicenseWrongStage.
    /// @param applicationId the application.
    function withdraw(uint256 applicationId) external;

    // ===== APPROVALS =====

    /// @notice The caller, an acting official of a required department, approves. The last approval issues
    /// the licence (or renews it) in the same transaction. Errors: LicenseUnknownApplication,
    /// LicenseWrongStage, LicenseNotOfficial, LicenseDepartmentNotRequired, LicenseDuplicateApproval,
    /// LicenseIsRevoked (a renewal of a licence revoked meanwhile).
    /// @param applicationId the pending application.
    /// @param commentDigest a digest of the official's comment (may be zero).
    function approve(uint256 applicationId, bytes32 commentDigest) external;

    /// @notice The caller, an acting official of a required department, rejects with a reason. The
    /// application keeps its approvals until amended, and releases its subject: another application for
    /// the subject may be submitted, and the amendment then waits for it. Errors: LicenseUnknownApplication,
    /// LicenseWrongStage, LicenseNotOfficial, LicenseDepartmentNotRequired.
    /// @param applicationId the pending application.
    /// @param reasonCode the reason, from the departments' catalogue of reasons.
    /// @param commentDigest a digest of the official's comment.
    function reject(uint256 applicationId, uint16 reasonCode, bytes32 commentDigest) external;

    /// @notice Submits approvals signed off chain (anyone may send them, in any order). Each entry is
    /// checked in turn: its department must be one the application needs (else
    /// LicenseDepartmentNotRequired). A department already counted, earlier or by an earlier entry, is
    /// skipped without further checks: its signature has done its job, and a benign duplicate (the same
    /// signature relayed twice, two officials of one department) must not sink the new approvals beside
    /// it. Otherwise the entry must be unexpired, name the current round, carry a valid signature (ECDSA
    /// for its signer, or else ERC-1271 if the signer is a contract wallet), and its signer must be an
    /// acting official of the department now. The batch reverts as a whole on the first failing entry,
    /// and with LicenseApprovalsAlreadyCounted if it counts nothing new. The last approval issues.
    /// Errors: LicenseUnknownApplication, LicenseWrongStage, LicenseNoSignatures,
    /// LicenseDepartmentNotRequired, LicenseSignatureExpired, LicenseWrongRound, LicenseInvalidSignature,
    /// LicenseSignerNotOfficial, LicenseApprovalsAlreadyCounted, LicenseIsRevoked.
    /// @param applicationId the pending application.
    /// @param approvals the signed approvals.
    function submitApprovals(uint256 applicationId, SignedApproval[] calldata approvals) external;

    // ===== LICENCE LIFECYCLE (issuing department) =====

    /// @notice An acting official of the issuing department suspends a licence. Errors: LicenseUnknown,
    /// LicenseNotIssuingDepartment, LicenseIsRevoked, LicenseIsSuspended.
    /// @param licenseId the licence.
    /// @param reasonCode the reason, from the departments' catalogue of reasons.
    function suspend(uint256 licenseId, uint16 reasonCode) external;

    /// @notice An acting official of the issuing department lifts a licence's suspension. Errors:
    /// LicenseUnknown, LicenseNotIssuingDepartment, LicenseIsRevoked, LicenseNotSuspended.
    /// @param licenseId the licence.
    function reinstate(uint256 licenseId) external;

    /// @notice An acting official of the issuing department revokes a licence, for good; its subject may
    /// then be licensed again. Errors: LicenseUnknown, LicenseNotIssuingDepartment, LicenseIsRevoked.
    /// @param licenseId the licence.
    /// @param reasonCode the reason, from the departments' catalogue of reasons.
    function revoke(uint256 licenseId, uint16 reasonCode) external;

    // ===== VIEWS =====

    /// @notice The EIP-712 type hash of a signed approval: keccak256 of
    /// "LicenseApproval(uint256 applicationId,uint32 round,uint32 departmentId,bytes32 commentDigest,uint48 deadline)".
    /// The domain is name "govchain licences", version "1", the chain id and this registry's address.
    /// @return typeHash the type hash.
    function APPROVAL_TYPEHASH() external view returns (bytes32 typeHash);

    /// @notice The status of licence `licenseId` now (None if there is no such licence).
    /// @param licenseId the licence.
    /// @return status its status.
    function licenseStatus(uint256 licenseId) external view returns (LicenseStatus status);

    /// @notice Whether `account` holds a valid licence of `typeId` now.
    /// @param account the account.
    /// @param typeId the licence type.
    /// @return valid whether its current licence of the type is valid.
    function hasValidLicense(address account, uint32 typeId) external view returns (bool valid);

    /// @notice The licence of `typeId` last issued to `account` (whatever its status), or 0.
    /// @param account the account.
    /// @param typeId the licence type.
    /// @return licenseId the licence's id, or 0 if none was ever issued to it.
    function licenseOf(address account, uint32 typeId) external view returns (uint256 licenseId);

    /// @notice The licence of `typeId` last issued for the subject `subjectId` (whatever its status, and to
    /// whichever account), or 0.
    /// @param typeId the licence type.
    /// @param subjectId the licensee's public identifier.
    /// @return licenseId the licence's id, or 0 if none was ever issued for the subject.
    function licenseOfSubject(uint32 typeId, bytes32 subjectId) external view returns (uint256 licenseId);

    /// @notice The application of `typeId` for the subject `subjectId` under review now (Pending), or 0.
    /// @param typeId the licence type.
    /// @param subjectId the licensee's public identifier.
    /// @return applicationId the pending application's id, or 0 if none.
    function applicationOfSubject(uint32 typeId, bytes32 subjectId) external view returns (uint256 applicationId);

    /// @notice The open (pending or rejected) application of `typeId` by `applicant`, or 0.
    /// @param applicant the applicant.
    /// @param typeId the licence type.
    /// @return applicationId the open application's id, or 0 if none.
    function openApplicationOf(address applicant, uint32 typeId) external view returns (uint256 applicationId);

    /// @notice Licence `licenseId`. Errors: LicenseUnknown.
    /// @param licenseId the licence.
    /// @return license the licence record.
    function getLicense(uint256 licenseId) external view returns (License memory license);

    /// @notice The number of licence `licenseId`, e.g. "BL-2026-000001". Errors: LicenseUnknown.
    /// @param licenseId the licence.
    /// @return number its number.
    function licenseNumber(uint256 licenseId) external view returns (string memory number);

    /// @notice The licence with the number `licenseNumber_` (exact match). Errors: LicenseUnknownNumber.
    /// @param licenseNumber_ the licence number.
    /// @return licenseId the licence's id.
    function licenseByNumber(string calldata licenseNumber_) external view returns (uint256 licenseId);

    /// @notice Application `applicationId`. Errors: LicenseUnknownApplication.
    /// @param applicationId the application.
    /// @return application the application record.
    function getApplication(uint256 applicationId) external view returns (Application memory application);

    /// @notice Up to `limit` ids of the applications `applicant` submitted, from the `offset`-th (0-based),
    /// oldest first. Errors: LicenseInvalidLimit.
    /// @param applicant the applicant.
    /// @param offset how many to skip.
    /// @param limit the page size, 1 to 200.
    /// @return page the application ids.
    function applicationsOf(
        address applicant,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory page);

    /// @notice Pending applications awaiting `departmentId`'s approval, scanning the department's inbox
    /// from `cursor` (at most 8 * `limit` entries per call). Errors: LicenseInvalidLimit.
    /// @param departmentId the department.
    /// @param cursor where to start in the department's inbox (0 at first, then the returned `next`).
    /// @param limit the most ids to return, 1 to 200.
    /// @return ids the pending application ids found.
    /// @return next the cursor to continue from (0: the inbox is done).
    function pendingFor(
        uint32 departmentId,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 next);

    /// @notice Licence type `typeId`. Errors: LicenseUnknownType.
    /// @param typeId the licence type.
    /// @return licenseType_ the type.
    function licenseType(uint32 typeId) external view returns (LicenseType memory licenseType_);

    /// @notice How many licence types are registered. Ids run from 1 to this number.
    /// @return count the number of types.
    function typeCount() external view returns (uint32 count);

    /// @notice How many applications were submitted. Ids run from 1 to this number.
    /// @return count the number of applications.
    function applicationCount() external view returns (uint256 count);

    /// @notice The EIP-712 digest an official signs to approve application `applicationId` in round `round`
    /// for department `departmentId`.
    /// @param applicationId the application.
    /// @param round the application's round under review.
    /// @param departmentId the approving department.
    /// @param commentDigest a digest of the official's comment.
    /// @param deadline the last second at which the approval may be submitted.
    /// @return digest the digest to sign.
    function approvalDigest(
        uint256 applicationId,
        uint32 round,
        uint32 departmentId,
        bytes32 commentDigest,
        uint48 deadline
    ) external view returns (bytes32 digest);

    /// @notice The licence token (ERC-721 + ERC-5192), or the zero address before it is connected.
    /// @return tokenAddress the token's address.
    function token() external view returns (address tokenAddress);
}
