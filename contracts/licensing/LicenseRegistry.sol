// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {DepartmentScoped} from "../authority/DepartmentScoped.sol";
import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {ILicenseRegistry} from "../interfaces/ILicenseRegistry.sol";
import {ILicenseToken} from "../interfaces/ILicenseToken.sol";
import {CivilTime} from "../libraries/CivilTime.sol";
import {Codes} from "../libraries/Codes.sol";
import {Pagination} from "../libraries/Pagination.sol";

/// @title LicenseRegistry
/// @notice Licence types, applications, approvals (transactions or EIP-712 signatures), automatic issue
/// of a non-transferable licence token, and the licence lifecycle.
/// @dev 16 state variables, one per index the officials' inbox and the public lookups need.
// solhint-disable-next-line max-states-count
contract LicenseRegistry is DepartmentScoped, EIP712, ILicenseRegistry {
    /// @inheritdoc ILicenseRegistry
    bytes32 public constant APPROVAL_TYPEHASH =
        keccak256(
            "LicenseApproval(uint256 applicationId,uint32 round,uint32 departmentId,bytes32 commentDigest,uint48 deadline)"
        );

    uint256 private constant _MAX_DEPARTMENTS = 32;
    /// @dev Keeps every validity end far inside uint48 (timestamps) whatever the issue date.
    uint64 private constant _MAX_VALIDITY = 100 * 365 days;
    uint256 private constant _MAX_PAGE = 200;
    /// @dev Licence numbers use the year in China Standard Time (UTC+8).
    int256 private constant _NUMBER_TIMEZONE_OFFSET = 8 hours;
    /// @dev Type codes follow the department code rules (DepartmentDirectory): 2 to 16 of A-Z 0-9 - _.
    struct TypeRecord {
        string code;
        string name;
        uint32 issuingDepartment;
        uint64 validity;
        bool renewable;
        bool active;
        bool registered;
        uint32[] required;
        uint32[] renewal;
    }

    /// @dev A department's place in a type's required (or renewal) list. The list's length rides along so
    /// that an approval learns whether it completes the application from the one slot it reads anyway.
    struct ListEntry {
        uint8 rank; // position + 1; 0: not in the list
        uint8 listLength;
    }

    /// @dev One subject's standing for one licence type, in one slot: submit reads both halves, and the
    /// approval that issues writes both (licence set, application cleared) in one store. Ids fit: both
    /// counters grow by one per transaction, nowhere near 2^128.
    struct SubjectRecord {
        uint128 licenseId; // the licence last issued for the subject (whatever its status), or 0
        uint128 pendingApplication; // its application under review (Pending), or 0
    }

    /// @dev One applicant's standing for one licence type, packed like SubjectRecord for the same reason:
    /// issuing sets the licence and closes the application in one store to a slot that is already warm
    /// with a non-zero value, instead of a fresh slot for the licence (22,100 gas) plus a deleted one.
    struct HolderRecord {
        uint128 licenseId; // the licence last issued to the account (whatever its status), or 0
        uint128 openApplication; // its open (pending or rejected) application, or 0
    }

    /// @dev The only account that may connect the token: the gap between deploying the registry and
    /// calling setToken must not let anyone else plug in a token that names this registry.
    address private immutable _deployer;
    ILicenseToken private _token;

    uint32 private _typeCount;
    mapping(uint32 typeId => TypeRecord) private _types;
    mapping(bytes32 codeHash => uint32 typeId) private _typeByCode;
    mapping(uint32 typeId => mapping(uint32 departmentId => ListEntry)) private _requiredEntry;
    mapping(uint32 typeId => mapping(uint32 departmentId => ListEntry)) private _renewalEntry;

    uint256 private _applicationCount;
    mapping(uint256 applicationId => Application) private _applications;
    mapping(address applicant => uint256[] applicationIds) private _applicationsOf;
    mapping(uint32 departmentId => uint256[] applicationIds) private _inbox;
    mapping(uint32 typeId => mapping(bytes32 subjectId => SubjectRecord)) private _subjects;

    uint256 private _licenseCount;
    mapping(uint256 licenseId => License) private _licenses;
    mapping(address account => mapping(uint32 typeId => HolderRecord)) private _holders;
    mapping(bytes32 numberHash => uint256 licenseId) private _licenseByNumber;
    mapping(uint32 typeId => mapping(uint16 year => uint32 count)) private _sequence;

    constructor(
        address manager,
        IDepartmentDirectory directory
    ) DepartmentScoped(manager, directory) EIP712("govchain licences", "1") {
        _deployer = msg.sender;
    }

    /// @inheritdoc ILicenseRegistry
    /// @dev Deliberately not `restricted`: it only runs once, at deployment, and a pause must not be able
    /// to leave a registry without its token.
    function setToken(ILicenseToken token_) external {
        if (msg.sender != _deployer) revert LicenseTokenUnauthorized(msg.sender);
        if (address(_token) != address(0)) revert LicenseTokenAlreadySet(address(_token));
        if (token_.registry() != address(this)) revert LicenseTokenMismatch(address(token_));
        _token = token_;
        emit LicenseTokenConnected(address(token_));
    }

    // ===== LICENCE TYPES =====

    /// @inheritdoc ILicenseRegistry
    function registerLicenseType(
        string calldata code,
        string calldata name,
        uint32 issuingDepartment,
        uint32[] calldata requiredDepartments,
        uint64 validity,
        bool renewable,
        uint32[] calldata renewalDepartments
    ) external restricted returns (uint32 typeId) {
        _validateTypeCode(code);
        bytes32 codeHash = keccak256(bytes(code));
        if (_typeByCode[codeHash] != 0) revert LicenseDuplicateTypeCode(code, _typeByCode[codeHash]);
        if (validity == 0) revert LicenseZeroValidity();
        if (validity > _MAX_VALIDITY) revert LicenseValidityTooLong(validity, _MAX_VALIDITY);
        uint32 departmentCount = _directory.departmentCount();
        _requireRegisteredDepartment(issuingDepartment, departmentCount);
        if (requiredDepartments.length == 0) revert LicenseNoRequiredDepartments();
        if (renewable && renewalDepartments.length == 0) revert LicenseNoRequiredDepartments();

        typeId = ++_typeCount;
        _typeByCode[codeHash] = typeId;
        TypeRecord storage t = _types[typeId];
        t.code = code;
        t.name = name;
        t.issuingDepartment = issuingDepartment;
        t.validity = validity;
        t.renewable = renewable;
        t.active = true;
        t.registered = true;
        _storeDepartments(t.required, _requiredEntry[typeId], requiredDepartments, departmentCount);
        if (renewable) _storeDepartments(t.renewal, _renewalEntry[typeId], renewalDepartments, departmentCount);
        _emitTypeRegistered(typeId, t);
    }

    /// @dev From storage, which keeps registerLicenseType's stack shallow.
    function _emitTypeRegistered(uint32 typeId, TypeRecord storage t) private {
        emit LicenseTypeRegistered(
            typeId,
            t.code,
            t.name,
            t.issuingDepartment,
            t.validity,
            t.renewable,
            t.required,
            t.renewal
        );
    }

    /// @inheritdoc ILicenseRegistry
    function setLicenseTypeActive(uint32 typeId, bool active) external restricted {
        TypeRecord storage t = _type(typeId);
        if (t.active == active) revert LicenseTypeStatusUnchanged(typeId, active);
        t.active = active;
        emit LicenseTypeActiveSet(typeId, active);
    }

    // ===== APPLICATIONS =====

    /// @inheritdoc ILicenseRegistry
    function submit(
        uint32 typeId,
        bytes32 subjectId,
        bytes32[] calldata documentDigests
    ) external restricted returns (uint256 applicationId) {
        TypeRecord storage t = _type(typeId);
        if (!t.active) revert LicenseTypeInactive(typeId);
        if (subjectId == bytes32(0)) revert LicenseZeroSubject();
        HolderRecord storage holder = _holders[msg.sender][typeId];
        uint256 held = holder.licenseId;
        if (_inForce(held)) revert LicenseAlreadyHeld(msg.sender, typeId, held);
        applicationId = _open(holder, typeId, subjectId, documentDigests, 0, t.required);
    }

    /// @inheritdoc ILicenseRegistry
    function submitRenewal(
        uint256 licenseId,
        bytes32[] calldata documentDigests
    ) external restricted returns (uint256 applicationId) {
        License storage lic = _license(licenseId);
        if (lic.holder != msg.sender) revert LicenseNotHolder(licenseId, msg.sender);
        if (lic.revoked) revert LicenseIsRevoked(licenseId);
        uint32 typeId = lic.typeId;
        HolderRecord storage holder = _holders[msg.sender][typeId];
        uint256 current = holder.licenseId;
        if (current != licenseId) revert LicenseReplaced(licenseId, current);
        TypeRecord storage t = _types[typeId];
        if (!t.renewable) revert LicenseNotRenewable(typeId);
        // The subject's own current licence is checked when the subject is claimed (_claimSubject).
        applicationId = _open(holder, typeId, lic.subjectId, documentDigests, licenseId, t.renewal);
    }

    /// @inheritdoc ILicenseRegistry
    function amend(uint256 applicationId, bytes32[] calldata documentDigests) external restricted {
        Application storage a = _application(applicationId);
        if (a.applicant != msg.sender) revert LicenseNotApplicant(applicationId, msg.sender);
        if (a.stage != Stage.Rejected) revert LicenseWrongStage(applicationId, a.stage);
        bytes32 documentsHash = _documentsHash(documentDigests);
        // The rejection released the subject: take it back, under the same rules as a submission. (The
        // applicant's own open-application slot was kept, so nothing can have changed on that side.)
        uint256 renewalOf = a.renewal ? a.licenseId : 0;
        if (renewalOf != 0 && _licenses[renewalOf].revoked) revert LicenseIsRevoked(renewalOf);
        _claimSubject(a.typeId, a.subjectId, renewalOf, applicationId);
        a.documentsHash = documentsHash;
        a.stage = Stage.Pending;
        a.approvalMask = 0;
        a.submittedAt = Time.timestamp();
        a.decidedAt = 0;
        // Approvals signed for the earlier rounds stop counting.
        uint32 round = a.round + 1;
        a.round = round;
        emit ApplicationAmended(applicationId, round, documentDigests);
    }

    /// @inheritdoc ILicenseRegistry
    function withdraw(uint256 applicationId) external restricted {
        Application storage a = _application(applicationId);
        if (a.applicant != msg.sender) revert LicenseNotApplicant(applicationId, msg.sender);
        Stage stage = a.stage;
        if (stage != Stage.Pending && stage != Stage.Rejected) revert LicenseWrongStage(applicationId, stage);
        a.stage = Stage.Withdrawn;
        a.decidedAt = Time.timestamp();
        delete _holders[msg.sender][a.typeId].openApplication;
        // A rejected application released its subject already.
        if (stage == Stage.Pending) delete _subjects[a.typeId][a.subjectId].pendingApplication;
        emit ApplicationWithdrawn(applicationId);
    }

    // ===== APPROVALS =====

    /// @inheritdoc ILicenseRegistry
    function approve(uint256 applicationId, bytes32 commentDigest) external restricted {
        Application storage a = _pending(applicationId);
        uint32 departmentId = _actingDepartment();
        if (departmentId == 0) revert LicenseNotOfficial(msg.sender);
        ListEntry memory entry = _entry(applicationId, a, departmentId);
        uint32 bit = uint32(1) << (entry.rank - 1);
        uint32 mask = a.approvalMask;
        if (mask & bit != 0) revert LicenseDuplicateApproval(applicationId, departmentId);
        mask |= bit;
        a.approvalMask = mask;
        emit ApplicationApproved(applicationId, departmentId, msg.sender, commentDigest, false);
        _issueIfComplete(applicationId, a, mask, entry.listLength);
    }

    /// @inheritdoc ILicenseRegistry
    function reject(uint256 applicationId, uint16 reasonCode, bytes32 commentDigest) external restricted {
        Application storage a = _pending(applicationId);
        uint32 departmentId = _actingDepartment();
        if (departmentId == 0) revert LicenseNotOfficial(msg.sender);
        _entry(applicationId, a, departmentId);
        a.stage = Stage.Rejected;
        a.decidedAt = Time.timestamp();
        // Under review no more: a squatter's application, once rejected, no longer blocks the subject.
        delete _subjects[a.typeId][a.subjectId].pendingApplication;
        emit ApplicationRejected(applicationId, departmentId, msg.sender, reasonCode, commentDigest);
    }

    /// @inheritdoc ILicenseRegistry
    function submitApprovals(uint256 applicationId, SignedApproval[] calldata approvals) external restricted {
        Application storage a = _pending(applicationId);
        if (approvals.length == 0) revert LicenseNoSignatures();
        mapping(uint32 => ListEntry) storage list = _approvalList(a);
        uint32 round = a.round;
        uint32 mask = a.approvalMask;
        uint256 needed = 0; // stays 0 until an approval is counted
        for (uint256 i = 0; i < approvals.length; ++i) {
            SignedApproval calldata s = approvals[i];
            ListEntry memory entry = list[s.departmentId];
            if (entry.rank == 0) revert LicenseDepartmentNotRequired(applicationId, s.departmentId);
            uint32 bit = uint32(1) << (entry.rank - 1);
            // Counted already (before this batch, or by an earlier entry): skipped unchecked. Its
            // department's approval stands whatever this copy says, and a duplicate that the collecting
            // queue relayed twice must not sink the new approvals beside it.
            if (mask & bit != 0) continue;
            _checkSignedApproval(applicationId, round, s);
            mask |= bit;
            needed = entry.listLength;
            a.approvalMask = mask;
            emit ApplicationApproved(applicationId, s.departmentId, s.signer, s.commentDigest, true);
        }
        if (needed == 0) revert LicenseApprovalsAlreadyCounted(applicationId);
        _issueIfComplete(applicationId, a, mask, needed);
    }

    /// @dev Deadline, round, signature (EOA or ERC-1271) and the signer's authority now. No nonce: an
    /// approval counts once per department and round (the mask), so a signature cannot be replayed to any
    /// effect, and relaying one never invalidates another.
    function _checkSignedApproval(uint256 applicationId, uint32 round, SignedApproval calldata s) private view {
        if (Time.timestamp() > s.deadline) revert LicenseSignatureExpired(s.signer, s.deadline);
        if (s.round != round) revert LicenseWrongRound(s.signer, s.round, round);
        bytes32 digest = _approvalDigest(applicationId, s.round, s.departmentId, s.commentDigest, s.deadline);
        // A signature made for another chain, contract or message recovers to another address. ECDSA
        // first, unlike SignatureChecker.isValidSignatureNow: an EOA's signature then needs no EXTCODESIZE
        // of the signer (2,600 gas cold). A signer that the signature does not recover to (a contract
        // wallet) may still accept it through ERC-1271. An account with code whose own key signed (an
        // EIP-7702 account) is accepted by ECDSA: that key controls the account anyway.
        (address recovered, ECDSA.RecoverError err, ) = ECDSA.tryRecoverCalldata(digest, s.signature);
        if (
            (err != ECDSA.RecoverError.NoError || recovered != s.signer) &&
            !SignatureChecker.isValidERC1271SignatureNowCalldata(s.signer, digest, s.signature)
        ) {
            revert LicenseInvalidSignature(s.signer);
        }
        // Authority at submission, as Safe checks its owners at execution: a removed official, or one of a
        // department deactivated since, cannot be counted, whenever the signature was made.
        if (!_directory.isOfficial(s.departmentId, s.signer)) revert LicenseSignerNotOfficial(s.signer, s.departmentId);
    }

    // ===== LICENCE LIFECYCLE =====

    /// @inheritdoc ILicenseRegistry
    function suspend(uint256 licenseId, uint16 reasonCode) external restricted {
        License storage lic = _changeable(licenseId);
        if (lic.suspended) revert LicenseIsSuspended(licenseId);
        lic.suspended = true;
        emit LicenseSuspended(licenseId, msg.sender, reasonCode);
    }

    /// @inheritdoc ILicenseRegistry
    function reinstate(uint256 licenseId) external restricted {
        License storage lic = _changeable(licenseId);
        if (!lic.suspended) revert LicenseNotSuspended(licenseId);
        lic.suspended = false;
        emit LicenseReinstated(licenseId, msg.sender);
    }

    /// @inheritdoc ILicenseRegistry
    function revoke(uint256 licenseId, uint16 reasonCode) external restricted {
        License storage lic = _changeable(licenseId);
        lic.revoked = true;
        emit LicenseRevoked(licenseId, msg.sender, reasonCode);
    }

    // ===== VIEWS =====

    /// @inheritdoc ILicenseRegistry
    function licenseStatus(uint256 licenseId) external view returns (LicenseStatus) {
        return _status(licenseId);
    }

    /// @inheritdoc ILicenseRegistry
    function hasValidLicense(address account, uint32 typeId) external view returns (bool) {
        uint256 licenseId = _holders[account][typeId].licenseId;
        return licenseId != 0 && _status(licenseId) == LicenseStatus.Valid;
    }

    /// @inheritdoc ILicenseRegistry
    function licenseOf(address account, uint32 typeId) external view returns (uint256) {
        return _holders[account][typeId].licenseId;
    }

    /// @inheritdoc ILicenseRegistry
    function licenseOfSubject(uint32 typeId, bytes32 subjectId) external view returns (uint256) {
        return _subjects[typeId][subjectId].licenseId;
    }

    /// @inheritdoc ILicenseRegistry
    function applicationOfSubject(uint32 typeId, bytes32 subjectId) external view returns (uint256) {
        return _subjects[typeId][subjectId].pendingApplication;
    }

    /// @inheritdoc ILicenseRegistry
    function openApplicationOf(address applicant, uint32 typeId) external view returns (uint256) {
        return _holders[applicant][typeId].openApplication;
    }

    /// @inheritdoc ILicenseRegistry
    function getLicense(uint256 licenseId) external view returns (License memory) {
        return _license(licenseId);
    }

    /// @inheritdoc ILicenseRegistry
    function licenseNumber(uint256 licenseId) public view returns (string memory) {
        License storage lic = _license(licenseId);
        return _number(_types[lic.typeId].code, lic.year, lic.sequence);
    }

    /// @inheritdoc ILicenseRegistry
    function licenseByNumber(string calldata licenseNumber_) external view returns (uint256 licenseId) {
        licenseId = _licenseByNumber[keccak256(bytes(licenseNumber_))];
        if (licenseId == 0) revert LicenseUnknownNumber(licenseNumber_);
    }

    /// @inheritdoc ILicenseRegistry
    function getApplication(uint256 applicationId) external view returns (Application memory) {
        return _application(applicationId);
    }

    /// @inheritdoc ILicenseRegistry
    function applicationsOf(
        address applicant,
        uint256 offset,
        uint256 limit
    ) external view returns (uint256[] memory page) {
        if (!Pagination.isValidLimit(limit, _MAX_PAGE)) revert LicenseInvalidLimit(limit, _MAX_PAGE);
        return Pagination.slice(_applicationsOf[applicant], offset, limit);
    }

    /// @inheritdoc ILicenseRegistry
    function pendingFor(
        uint32 departmentId,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 next) {
        if (!Pagination.isValidLimit(limit, _MAX_PAGE)) revert LicenseInvalidLimit(limit, _MAX_PAGE);
        // Bounded so the view always fits a node's call gas limit; the cursor continues it.
        return Pagination.scanList(_inbox[departmentId], cursor, limit, limit * 8, _awaitsKey, departmentId);
    }

    /// @inheritdoc ILicenseRegistry
    function licenseType(uint32 typeId) external view returns (LicenseType memory) {
        TypeRecord storage t = _type(typeId);
        return
            LicenseType({
                id: typeId,
                code: t.code,
                name: t.name,
                issuingDepartment: t.issuingDepartment,
                validity: t.validity,
                renewable: t.renewable,
                active: t.active,
                requiredDepartments: t.required,
                renewalDepartments: t.renewal
            });
    }

    /// @inheritdoc ILicenseRegistry
    function typeCount() external view returns (uint32) {
        return _typeCount;
    }

    /// @inheritdoc ILicenseRegistry
    function applicationCount() external view returns (uint256) {
        return _applicationCount;
    }

    /// @inheritdoc ILicenseRegistry
    function approvalDigest(
        uint256 applicationId,
        uint32 round,
        uint32 departmentId,
        bytes32 commentDigest,
        uint48 deadline
    ) external view returns (bytes32) {
        return _approvalDigest(applicationId, round, departmentId, commentDigest, deadline);
    }

    /// @inheritdoc ILicenseRegistry
    function token() external view returns (address) {
        return address(_token);
    }

    // ===== INTERNAL: APPLICATIONS =====

    function _open(
        HolderRecord storage holder,
        uint32 typeId,
        bytes32 subjectId,
        bytes32[] calldata documentDigests,
        uint256 renewalOf,
        uint32[] storage departments
    ) private returns (uint256 applicationId) {
        uint256 open = holder.openApplication;
        if (open != 0) revert LicenseApplicationOpen(msg.sender, typeId, open);
        bytes32 documentsHash = _documentsHash(documentDigests);

        applicationId = ++_applicationCount;
        _claimSubject(typeId, subjectId, renewalOf, applicationId);
        _applications[applicationId] = Application({
            typeId: typeId,
            stage: Stage.Pending,
            renewal: renewalOf != 0,
            round: 0,
            approvalMask: 0,
            submittedAt: Time.timestamp(),
            decidedAt: 0,
            applicant: msg.sender,
            subjectId: subjectId,
            documentsHash: documentsHash,
            licenseId: renewalOf
        });
        _applicationsOf[msg.sender].push(applicationId);
        // Cannot truncate: see HolderRecord.
        holder.openApplication = uint128(applicationId);
        for (uint256 i = 0; i < departments.length; ++i) {
            _inbox[departments[i]].push(applicationId);
        }
        emit ApplicationSubmitted(applicationId, typeId, msg.sender, subjectId, documentDigests, renewalOf);
    }

    /// @dev One subject, one licence: `applicationId` puts the subject under review, provided no other
    /// application of the type has it under review and, for a new licence, no licence of the type is in
    /// force for it, or, for a renewal, the licence renewed is still the subject's current one.
    function _claimSubject(uint32 typeId, bytes32 subjectId, uint256 renewalOf, uint256 applicationId) private {
        SubjectRecord storage s = _subjects[typeId][subjectId];
        uint256 pending = s.pendingApplication;
        if (pending != 0) revert LicenseSubjectApplicationPending(typeId, subjectId, pending);
        uint256 current = s.licenseId;
        if (renewalOf == 0) {
            if (_inForce(current)) revert LicenseSubjectAlreadyLicensed(typeId, subjectId, current);
        } else if (current != renewalOf) {
            revert LicenseReplaced(renewalOf, current);
        }
        // Cannot truncate: application ids count up by one per submission (see SubjectRecord).
        s.pendingApplication = uint128(applicationId);
    }

    /// @dev Whether licence `licenseId` is in force (valid or suspended): issued, not revoked, not expired.
    function _inForce(uint256 licenseId) private view returns (bool) {
        if (licenseId == 0) return false;
        License storage lic = _licenses[licenseId];
        return !lic.revoked && Time.timestamp() < lic.validUntil;
    }

    /// @dev `mask`: the application's approvals now; `needed`: the length of its approval list.
    function _issueIfComplete(uint256 applicationId, Application storage a, uint32 mask, uint256 needed) private {
        if (uint256(mask) != (uint256(1) << needed) - 1) return;
        uint32 typeId = a.typeId;
        TypeRecord storage t = _types[typeId];

        uint48 now_ = Time.timestamp();
        a.stage = Stage.Issued;
        a.decidedAt = now_;
        if (a.renewal) {
            uint256 licenseId = a.licenseId;
            License storage lic = _licenses[licenseId];
            // Revoked while the renewal was under review: revocation is final, nothing to renew.
            if (lic.revoked) revert LicenseIsRevoked(licenseId);
            uint48 base = lic.validUntil > now_ ? lic.validUntil : now_;
            lic.validUntil = base + uint48(t.validity);
            // The holder's and the subject's licence stay this one (the claims made sure of it); the
            // application is closed and the review over.
            delete _holders[a.applicant][typeId].openApplication;
            delete _subjects[typeId][a.subjectId].pendingApplication;
            emit LicenseRenewed(licenseId, applicationId, lic.validUntil, now_ - a.submittedAt);
        } else {
            _issueLicense(applicationId, a, t, now_);
        }
    }

    /// @dev Mints the licence of a fully approved application: record, number, token, event.
    function _issueLicense(uint256 applicationId, Application storage a, TypeRecord storage t, uint48 now_) private {
        uint256 licenseId = ++_licenseCount;
        a.licenseId = licenseId;
        uint32 typeId = a.typeId;
        address holder = a.applicant;
        License storage lic = _licenses[licenseId];
        string memory number;
        {
            // Scoped: the event below needs the stack slots.
            uint16 year = CivilTime.yearOf(int256(uint256(now_)) + _NUMBER_TIMEZONE_OFFSET);
            uint32 sequence = ++_sequence[typeId][year];
            lic.typeId = typeId;
            lic.holder = holder;
            lic.issuedAt = now_;
            lic.validFrom = now_;
            lic.validUntil = now_ + uint48(t.validity);
            lic.year = year;
            lic.sequence = sequence;
            number = _number(t.code, year, sequence);
        }
        {
            bytes32 subjectId = a.subjectId;
            lic.subjectId = subjectId;
            // The subject's licence, and the end of its review, in one store. Cannot truncate (SubjectRecord).
            _subjects[typeId][subjectId] = SubjectRecord({licenseId: uint128(licenseId), pendingApplication: 0});
        }
        lic.applicationId = applicationId;
        // The holder's licence, and its application closed, in one store. Cannot truncate (HolderRecord).
        _holders[holder][typeId] = HolderRecord({licenseId: uint128(licenseId), openApplication: 0});
        _licenseByNumber[keccak256(bytes(number))] = licenseId;
        _token.mint(holder, licenseId);
        emit LicenseIssued(licenseId, applicationId, typeId, holder, number, now_, lic.validUntil, now_ - a.submittedAt);
    }

    // ===== INTERNAL: HELPERS =====

    function _storeDepartments(
        uint32[] storage list,
        mapping(uint32 => ListEntry) storage slots,
        uint32[] calldata departments,
        uint32 departmentCount
    ) private {
        if (departments.length > _MAX_DEPARTMENTS) revert LicenseTooManyDepartments(departments.length, _MAX_DEPARTMENTS);
        for (uint256 i = 0; i < departments.length; ++i) {
            uint32 departmentId = departments[i];
            _requireRegisteredDepartment(departmentId, departmentCount);
            if (slots[departmentId].rank != 0) revert LicenseDuplicateDepartment(departmentId);
            // Cannot overflow: i < departments.length <= 32.
            slots[departmentId] = ListEntry({rank: uint8(i + 1), listLength: uint8(departments.length)});
            list.push(departmentId);
        }
    }

    /// @dev `departmentId` is registered in the directory (active or not), or LicenseUnknownDepartment.
    function _requireRegisteredDepartment(uint32 departmentId, uint32 departmentCount) private pure {
        if (!_departmentExists(departmentId, departmentCount)) revert LicenseUnknownDepartment(departmentId);
    }

    /// @dev The department code rules (DepartmentDirectory): 2 to 16 of A-Z, 0-9, '-' and '_'. So a type code
    /// is safe in licence numbers, JSON metadata and file names.
    function _validateTypeCode(string calldata code) private pure {
        if (bytes(code).length == 0) revert LicenseEmptyTypeCode();
        if (!Codes.isValid(code)) revert LicenseInvalidTypeCode(code);
    }

    function _documentsHash(bytes32[] calldata documentDigests) private pure returns (bytes32) {
        if (documentDigests.length == 0) revert LicenseNoDocuments();
        for (uint256 i = 0; i < documentDigests.length; ++i) {
            if (documentDigests[i] == bytes32(0)) revert LicenseZeroDigest(i);
        }
        return keccak256(abi.encodePacked(documentDigests));
    }

    function _approvalDigest(
        uint256 applicationId,
        uint32 round,
        uint32 departmentId,
        bytes32 commentDigest,
        uint48 deadline
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(abi.encode(APPROVAL_TYPEHASH, applicationId, round, departmentId, commentDigest, deadline))
            );
    }

    /// @dev The approval list an application collects: the type's renewal list for a renewal, else its
    /// required list.
    function _approvalList(Application storage a) private view returns (mapping(uint32 => ListEntry) storage) {
        return a.renewal ? _renewalEntry[a.typeId] : _requiredEntry[a.typeId];
    }

    /// @dev The department's entry in the application's approval list, or a named error.
    function _entry(
        uint256 applicationId,
        Application storage a,
        uint32 departmentId
    ) private view returns (ListEntry memory entry) {
        entry = _approvalList(a)[departmentId];
        if (entry.rank == 0) revert LicenseDepartmentNotRequired(applicationId, departmentId);
    }

    /// @dev `_awaits` in the shape Pagination.scanList calls (the key is the department id).
    function _awaitsKey(uint256 applicationId, uint256 departmentId) private view returns (bool) {
        return _awaits(applicationId, uint32(departmentId));
    }

    function _awaits(uint256 applicationId, uint32 departmentId) private view returns (bool) {
        Application storage a = _applications[applicationId];
        if (a.stage != Stage.Pending) return false;
        uint8 rank = _approvalList(a)[departmentId].rank;
        return rank != 0 && a.approvalMask & (uint32(1) << (rank - 1)) == 0;
    }

    function _status(uint256 licenseId) private view returns (LicenseStatus) {
        License storage lic = _licenses[licenseId];
        if (lic.holder == address(0)) return LicenseStatus.None;
        if (lic.revoked) return LicenseStatus.Revoked;
        if (lic.suspended) return LicenseStatus.Suspended;
        if (Time.timestamp() >= lic.validUntil) return LicenseStatus.Expired;
        return LicenseStatus.Valid;
    }

    function _number(string memory code, uint16 year, uint32 sequence) private pure returns (string memory) {
        bytes memory digits = bytes(Strings.toString(sequence));
        bytes memory padded = digits.length >= 6 ? digits : bytes.concat(new bytes(6 - digits.length), digits);
        for (uint256 i = 0; i < padded.length && padded[i] == 0; ++i) {
            padded[i] = "0";
        }
        return string.concat(code, "-", Strings.toString(year), "-", string(padded));
    }

    function _changeable(uint256 licenseId) private view returns (License storage lic) {
        lic = _license(licenseId);
        uint32 issuing = _types[lic.typeId].issuingDepartment;
        if (!_actsFor(issuing)) revert LicenseNotIssuingDepartment(issuing, msg.sender);
        if (lic.revoked) revert LicenseIsRevoked(licenseId);
    }

    function _pending(uint256 applicationId) private view returns (Application storage a) {
        a = _application(applicationId);
        if (a.stage != Stage.Pending) revert LicenseWrongStage(applicationId, a.stage);
    }

    function _application(uint256 applicationId) private view returns (Application storage a) {
        a = _applications[applicationId];
        if (a.stage == Stage.None) revert LicenseUnknownApplication(applicationId);
    }

    function _license(uint256 licenseId) private view returns (License storage lic) {
        lic = _licenses[licenseId];
        if (lic.holder == address(0)) revert LicenseUnknown(licenseId);
    }

    function _type(uint32 typeId) private view returns (TypeRecord storage t) {
        t = _types[typeId];
        if (!t.registered) revert LicenseUnknownType(typeId);
    }
}
