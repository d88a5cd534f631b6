// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {EIP712} from "@openzeppelin/contracts/utils/cryptography/EIP712.sol";
import {ECDSA} from "@openzeppelin/contracts/utils/cryptography/ECDSA.sol";
import {SignatureChecker} from "@openzeppelin/contracts/utils/cryptography/SignatureChecker.sol";
import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {ILicenseRegistry} from "../interfaces/ILicenseRegistry.sol";
import {ILicenseToken} from "../interfaces/ILicenseToken.sol";
import {CivilTime} from "../libraries/CivilTime.sol";
import {Pagination} from "../libraries/Pagination.sol";

/// @title LicenseRegistry
/// @notice Licence types, applications, approvals (transactions or EIP-712 signatures), automatic issue
/// of a non-transferable licence token, and the licence lifecycle.
/// @dev 16 state variables, one per index the officials' inbox and the public lookups need.
// solhint-disable-next-line max-states-count
contract LicenseRegistry is AccessManaged, EIP712, ILicenseRegistry {
    /// @notice What an official signs to approve an application off chain.
    bytes32 public constant APPROVAL_TYPEHASH =
        keccak256(
            "LicenseApproval(uint256 applicationId,uint32 departmentId,bytes32 commentDigest,uint64 nonce,uint48 signedAt,uint48 deadline)"
        );

    uint256 private constant _MAX_DEPARTMENTS = 32;
    /// @dev Keeps every validity end far inside uint48 (timestamps) whatever the issue date.
    uint64 private constant _MAX_VALIDITY = 100 * 365 days;
    uint256 private constant _MAX_PAGE = 200;
    /// @dev Licence numbers use the year in China Standard Time (UTC+8).
    int256 private constant _NUMBER_TIMEZONE_OFFSET = 8 hours;

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

    IDepartmentDirectory private immutable _directory;
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
    mapping(address applicant => mapping(uint32 typeId => uint256 applicationId)) private _openApplication;
    mapping(uint32 departmentId => uint256[] applicationIds) private _inbox;

    uint256 private _licenseCount;
    mapping(uint256 licenseId => License) private _licenses;
    mapping(address holder => mapping(uint32 typeId => uint256 licenseId)) private _licenseOf;
    mapping(bytes32 numberHash => uint256 licenseId) private _licenseByNumber;
    mapping(uint32 typeId => mapping(uint16 year => uint32 count)) private _sequence;

    constructor(address manager, IDepartmentDirectory directory) AccessManaged(manager) EIP712("govchain licences", "1") {
        _directory = directory;
        _deployer = msg.sender;
    }

    /// @notice Connects the licence token, once, by the account that deployed this registry. The token
    /// must name this registry as its minter.
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
        if (bytes(code).length == 0) revert LicenseEmptyTypeCode();
        bytes32 codeHash = keccak256(bytes(code));
        if (_typeByCode[codeHash] != 0) revert LicenseDuplicateTypeCode(code, _typeByCode[codeHash]);
        if (validity == 0) revert LicenseZeroValidity();
        if (validity > _MAX_VALIDITY) revert LicenseValidityTooLong(validity, _MAX_VALIDITY);
        uint32 departmentCount = _directory.departmentCount();
        _requireDepartment(issuingDepartment, departmentCount);
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
    ) external returns (uint256 applicationId) {
        TypeRecord storage t = _type(typeId);
        if (!t.active) revert LicenseTypeInactive(typeId);
        uint256 held = _licenseOf[msg.sender][typeId];
        if (held != 0 && _status(held) != LicenseStatus.Expired && !_licenses[held].revoked) {
            revert LicenseAlreadyHeld(msg.sender, typeId, held);
        }
        applicationId = _open(typeId, subjectId, documentDigests, 0, t.required);
    }

    /// @inheritdoc ILicenseRegistry
    function submitRenewal(
        uint256 licenseId,
        bytes32[] calldata documentDigests
    ) external returns (uint256 applicationId) {
        License storage lic = _license(licenseId);
        if (lic.holder != msg.sender) revert LicenseNotHolder(licenseId, msg.sender);
        if (lic.revoked) revert LicenseIsRevoked(licenseId);
        uint256 current = _licenseOf[msg.sender][lic.typeId];
        if (current != licenseId) revert LicenseReplaced(licenseId, current);
        TypeRecord storage t = _types[lic.typeId];
        if (!t.renewable) revert LicenseNotRenewable(lic.typeId);
        applicationId = _open(lic.typeId, lic.subjectId, documentDigests, licenseId, t.renewal);
    }

    /// @inheritdoc ILicenseRegistry
    function amend(uint256 applicationId, bytes32[] calldata documentDigests) external {
        Application storage a = _application(applicationId);
        if (a.applicant != msg.sender) revert LicenseNotApplicant(applicationId, msg.sender);
        if (a.stage != Stage.Rejected) revert LicenseWrongStage(applicationId, a.stage);
        a.documentsHash = _documentsHash(documentDigests);
        a.stage = Stage.Pending;
        a.approvalMask = 0;
        a.submittedAt = Time.timestamp();
        a.decidedAt = 0;
        ++a.nonce;
        emit ApplicationAmended(applicationId, ++a.round, documentDigests);
    }

    /// @inheritdoc ILicenseRegistry
    function withdraw(uint256 applicationId) external {
        Application storage a = _application(applicationId);
        if (a.applicant != msg.sender) revert LicenseNotApplicant(applicationId, msg.sender);
        if (a.stage != Stage.Pending && a.stage != Stage.Rejected) revert LicenseWrongStage(applicationId, a.stage);
        a.stage = Stage.Withdrawn;
        a.decidedAt = Time.timestamp();
        delete _openApplication[a.applicant][a.typeId];
        emit ApplicationWithdrawn(applicationId);
    }

    // ===== APPROVALS =====

    /// @inheritdoc ILicenseRegistry
    function approve(uint256 applicationId, bytes32 commentDigest) external {
        Application storage a = _pending(applicationId);
        uint32 departmentId = _directory.actingDepartmentOf(msg.sender);
        if (departmentId == 0) revert LicenseNotOfficial(msg.sender);
        uint256 needed = _recordApproval(applicationId, a, departmentId, msg.sender, commentDigest, false);
        _issueIfComplete(applicationId, a, needed);
    }

    /// @inheritdoc ILicenseRegistry
    function reject(uint256 applicationId, uint16 reasonCode, bytes32 commentDigest) external {
        Application storage a = _pending(applicationId);
        uint32 departmentId = _directory.actingDepartmentOf(msg.sender);
        if (departmentId == 0) revert LicenseNotOfficial(msg.sender);
        _entry(applicationId, a, departmentId);
        a.stage = Stage.Rejected;
        a.decidedAt = Time.timestamp();
        emit ApplicationRejected(applicationId, departmentId, msg.sender, reasonCode, commentDigest);
    }

    /// @inheritdoc ILicenseRegistry
    function submitApprovals(uint256 applicationId, SignedApproval[] calldata approvals) external {
        Application storage a = _pending(applicationId);
        if (approvals.length == 0) revert LicenseNoSignatures();
        uint48 now_ = Time.timestamp();
        uint64 nonce = a.nonce;
        uint48 submittedAt = a.submittedAt;
        address previous = address(0);
        uint256 needed;
        for (uint256 i = 0; i < approvals.length; ++i) {
            SignedApproval calldata s = approvals[i];
            // Strictly ascending signers: no signer twice, and one canonical order (as Safe does).
            if (s.signer <= previous) revert LicenseSignersNotSorted(previous, s.signer);
            previous = s.signer;
            _checkSignedApproval(applicationId, s, nonce, now_, submittedAt);
            needed = _recordApproval(applicationId, a, s.departmentId, s.signer, s.commentDigest, true);
        }
        // Signatures are good for one submission: the nonce moves on.
        a.nonce = nonce + 1;
        _issueIfComplete(applicationId, a, needed);
    }

    /// @dev Deadline, time, nonce, signature (EOA or ERC-1271) and the signer's authority when signing.
    function _checkSignedApproval(
        uint256 applicationId,
        SignedApproval calldata s,
        uint64 nonce,
        uint48 now_,
        uint48 submittedAt
    ) private view {
        if (now_ > s.deadline) revert LicenseSignatureExpired(s.signer, s.deadline);
        if (s.signedAt > now_) revert LicenseSignedInFuture(s.signer, s.signedAt);
        if (s.nonce != nonce) revert LicenseStaleNonce(s.signer, nonce, s.nonce);
        // Nobody reviews an application before it exists: this stops a removed official backdating a
        // signature to a time when they still served.
        if (s.signedAt < submittedAt) revert LicenseSignedBeforeSubmission(s.signer, s.signedAt, submittedAt);
        bytes32 digest = _approvalDigest(applicationId, s.departmentId, s.commentDigest, s.nonce, s.signedAt, s.deadline);
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
        if (!_directory.wasOfficialAt(s.departmentId, s.signer, s.signedAt)) {
            revert LicenseSignerNotOfficial(s.signer, s.departmentId, s.signedAt);
        }
    }

    // ===== LICENCE LIFECYCLE =====

    /// @inheritdoc ILicenseRegistry
    function suspend(uint256 licenseId, uint16 reasonCode) external {
        License storage lic = _changeable(licenseId);
        if (lic.suspended) revert LicenseIsSuspended(licenseId);
        lic.suspended = true;
        emit LicenseSuspended(licenseId, msg.sender, reasonCode);
    }

    /// @inheritdoc ILicenseRegistry
    function reinstate(uint256 licenseId) external {
        License storage lic = _changeable(licenseId);
        if (!lic.suspended) revert LicenseNotSuspended(licenseId);
        lic.suspended = false;
        emit LicenseReinstated(licenseId, msg.sender);
    }

    /// @inheritdoc ILicenseRegistry
    function revoke(uint256 licenseId, uint16 reasonCode) external {
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
        uint256 licenseId = _licenseOf[account][typeId];
        return licenseId != 0 && _status(licenseId) == LicenseStatus.Valid;
    }

    /// @inheritdoc ILicenseRegistry
    function licenseOf(address account, uint32 typeId) external view returns (uint256) {
        return _licenseOf[account][typeId];
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
        if (limit == 0 || limit > _MAX_PAGE) revert LicenseInvalidLimit(limit, _MAX_PAGE);
        return Pagination.slice(_applicationsOf[applicant], offset, limit);
    }

    /// @inheritdoc ILicenseRegistry
    function pendingFor(
        uint32 departmentId,
        uint256 cursor,
        uint256 limit
    ) external view returns (uint256[] memory ids, uint256 next) {
        if (limit == 0 || limit > _MAX_PAGE) revert LicenseInvalidLimit(limit, _MAX_PAGE);
        uint256[] storage inbox = _inbox[departmentId];
        if (cursor >= inbox.length) return (new uint256[](0), 0);
        ids = new uint256[](limit);
        uint256 found = 0;
        uint256 i = cursor;
        // Bound the scan so the view always fits a node's call gas limit; the cursor continues it.
        uint256 end = inbox.length < cursor + limit * 8 ? inbox.length : cursor + limit * 8;
        for (; i < end && found < limit; ++i) {
            uint256 applicationId = inbox[i];
            if (_awaits(applicationId, departmentId)) ids[found++] = applicationId;
        }
        // Trim the array to what was found.
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            mstore(ids, found)
        }
        next = i < inbox.length ? i : 0;
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
        uint32 departmentId,
        bytes32 commentDigest,
        uint64 nonce,
        uint48 signedAt,
        uint48 deadline
    ) external view returns (bytes32) {
        return _approvalDigest(applicationId, departmentId, commentDigest, nonce, signedAt, deadline);
    }

    /// @inheritdoc ILicenseRegistry
    function token() external view returns (address) {
        return address(_token);
    }

    // ===== INTERNAL: APPLICATIONS =====

    function _open(
        uint32 typeId,
        bytes32 subjectId,
        bytes32[] calldata documentDigests,
        uint256 renewalOf,
        uint32[] storage departments
    ) private returns (uint256 applicationId) {
        uint256 open = _openApplication[msg.sender][typeId];
        if (open != 0) revert LicenseApplicationOpen(msg.sender, typeId, open);
        bytes32 documentsHash = _documentsHash(documentDigests);

        applicationId = ++_applicationCount;
        _applications[applicationId] = Application({
            typeId: typeId,
            stage: Stage.Pending,
            renewal: renewalOf != 0,
            round: 0,
            nonce: 0,
            approvalMask: 0,
            applicant: msg.sender,
            submittedAt: Time.timestamp(),
            decidedAt: 0,
            subjectId: subjectId,
            documentsHash: documentsHash,
            licenseId: renewalOf
        });
        _applicationsOf[msg.sender].push(applicationId);
        _openApplication[msg.sender][typeId] = applicationId;
        for (uint256 i = 0; i < departments.length; ++i) {
            _inbox[departments[i]].push(applicationId);
        }
        emit ApplicationSubmitted(applicationId, typeId, msg.sender, subjectId, documentDigests, renewalOf);
    }

    function _recordApproval(
        uint256 applicationId,
        Application storage a,
        uint32 departmentId,
        address official,
        bytes32 commentDigest,
        bool bySignature
    ) private returns (uint256 needed) {
        ListEntry memory entry = _entry(applicationId, a, departmentId);
        uint32 bit = uint32(1) << (entry.rank - 1);
        if (a.approvalMask & bit != 0) revert LicenseDuplicateApproval(applicationId, departmentId);
        a.approvalMask |= bit;
        emit ApplicationApproved(applicationId, departmentId, official, commentDigest, bySignature);
        return entry.listLength;
    }

    /// @dev The department's entry in the application's approval list, or a named error.
    function _entry(
        uint256 applicationId,
        Application storage a,
        uint32 departmentId
    ) private view returns (ListEntry memory entry) {
        entry = a.renewal ? _renewalEntry[a.typeId][departmentId] : _requiredEntry[a.typeId][departmentId];
        if (entry.rank == 0) revert LicenseDepartmentNotRequired(applicationId, departmentId);
    }

    /// @dev `needed`: the length of the application's approval list.
    function _issueIfComplete(uint256 applicationId, Application storage a, uint256 needed) private {
        if (a.approvalMask != (uint256(1) << needed) - 1) return;
        TypeRecord storage t = _types[a.typeId];

        uint48 now_ = Time.timestamp();
        a.stage = Stage.Issued;
        a.decidedAt = now_;
        delete _openApplication[a.applicant][a.typeId];
        if (a.renewal) {
            License storage lic = _licenses[a.licenseId];
            // Revoked while the renewal was under review: revocation is final, nothing to renew.
            if (lic.revoked) revert LicenseIsRevoked(a.licenseId);
            uint48 base = lic.validUntil > now_ ? lic.validUntil : now_;
            lic.validUntil = base + uint48(t.validity);
            emit LicenseRenewed(a.licenseId, applicationId, lic.validUntil, now_ - a.submittedAt);
        } else {
            _issueLicense(applicationId, a, t, now_);
        }
    }

    /// @dev Mints the licence of a fully approved application: record, number, token, event.
    function _issueLicense(uint256 applicationId, Application storage a, TypeRecord storage t, uint48 now_) private {
        uint256 licenseId = ++_licenseCount;
        a.licenseId = licenseId;
        uint16 year = CivilTime.yearOf(int256(uint256(now_)) + _NUMBER_TIMEZONE_OFFSET);
        uint32 sequence = ++_sequence[a.typeId][year];
        License storage lic = _licenses[licenseId];
        lic.typeId = a.typeId;
        lic.holder = a.applicant;
        lic.issuedAt = now_;
        lic.validFrom = now_;
        lic.validUntil = now_ + uint48(t.validity);
        lic.year = year;
        lic.sequence = sequence;
        lic.subjectId = a.subjectId;
        lic.applicationId = applicationId;
        _licenseOf[a.applicant][a.typeId] = licenseId;
        string memory number = _number(t.code, year, sequence);
        _licenseByNumber[keccak256(bytes(number))] = licenseId;
        _token.mint(a.applicant, licenseId);
        emit LicenseIssued(
            licenseId,
            applicationId,
            a.typeId,
            a.applicant,
            number,
            now_,
            lic.validUntil,
            now_ - a.submittedAt
        );
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
            _requireDepartment(departmentId, departmentCount);
            if (slots[departmentId].rank != 0) revert LicenseDuplicateDepartment(departmentId);
            // Cannot overflow: i < departments.length <= 32.
            slots[departmentId] = ListEntry({rank: uint8(i + 1), listLength: uint8(departments.length)});
            list.push(departmentId);
        }
    }

    function _requireDepartment(uint32 departmentId, uint32 departmentCount) private pure {
        if (departmentId == 0 || departmentId > departmentCount) revert LicenseUnknownDepartment(departmentId);
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
        uint32 departmentId,
        bytes32 commentDigest,
        uint64 nonce,
        uint48 signedAt,
        uint48 deadline
    ) private view returns (bytes32) {
        return
            _hashTypedDataV4(
                keccak256(
                    abi.encode(APPROVAL_TYPEHASH, applicationId, departmentId, commentDigest, nonce, signedAt, deadline)
                )
            );
    }

    function _awaits(uint256 applicationId, uint32 departmentId) private view returns (bool) {
        Application storage a = _applications[applicationId];
        if (a.stage != Stage.Pending) return false;
        uint8 rank = a.renewal ? _renewalEntry[a.typeId][departmentId].rank : _requiredEntry[a.typeId][departmentId].rank;
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
        if (_directory.actingDepartmentOf(msg.sender) != issuing) revert LicenseNotIssuingDepartment(issuing, msg.sender);
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
