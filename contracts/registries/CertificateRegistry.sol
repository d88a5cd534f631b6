// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {DepartmentScoped} from "../authority/DepartmentScoped.sol";
import {ICertificateRegistry} from "../interfaces/ICertificateRegistry.sol";
import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {PackedCertificate, PackedCertificateLib} from "../libraries/PackedCertificate.sol";
import {PackedCertificateType, PackedCertificateTypeLib} from "../libraries/PackedCertificateType.sol";
import {Codes} from "../libraries/Codes.sol";
import {Pagination} from "../libraries/Pagination.sol";
import {StatusBits} from "../libraries/StatusBits.sol";

/// @title CertificateRegistry
/// @notice Electronic certificates, single and in Merkle batches, with W3C-style status lists.
/// @dev Every state-changing function is `restricted`: types are administered by the platform
/// administrator, the rest is open to everyone in the manager (lib/access.ts) and department-scoped
/// here against the DepartmentDirectory (DepartmentScoped). Closing the registry in the manager pauses
/// all of it. A certificate record is two storage words (PackedCertificate and the holder commitment);
/// its metadata URI and issuing official live only in the CertificateIssued event.
contract CertificateRegistry is DepartmentScoped, ICertificateRegistry {
    using StatusBits for mapping(uint256 => uint256);

    /// @inheritdoc ICertificateRegistry
    uint32 public constant MAX_BATCH_SIZE = 65_536;
    uint256 private constant _MAX_STATUS_WORDS = 1024;
    /// @dev The last status-list word that can hold an entry: indexes are below 2^48.
    uint256 private constant _LAST_STATUS_WORD = PackedCertificateTypeLib.MAX_STATUS_ENTRIES >> 8;

    /// @dev Each member is a whole slot: `rules` packs everything `issue` and `anchorBatch` read and write.
    struct TypeRecord {
        PackedCertificateType rules;
        string code;
        string name;
    }

    /// @dev Two whole words, so the order of the members cannot misplace a field. The issuing official
    /// is not stored: `issue` only succeeds for an acting official of an issuer department, so authority
    /// at issue holds by construction, and the official's address is in the CertificateIssued event
    /// (found by its indexed digest). Later checks need only the department.
    struct Record {
        PackedCertificate packed;
        bytes32 holderCommitment;
    }

    /// @dev A status list: bits set one by one, and the whole words set at once by `revokeBatch` (see
    /// StatusBits). Suspension lists never have whole words.
    struct StatusList {
        mapping(uint256 word => uint256 bits) bits;
        mapping(uint256 group => uint256 wholeWords) wholeWords;
    }

    uint32 private _typeCount;
    mapping(uint32 typeId => TypeRecord) private _types;
    mapping(bytes32 codeHash => uint32 typeId) private _typeByCode;
    /// @dev Issuers among departments above 128 (those up to 128 are in the type's rules word).
    mapping(uint32 typeId => mapping(uint32 departmentId => bool)) private _issuers;
    mapping(bytes32 digest => Record) private _certificates;
    mapping(bytes32 digest => bytes32 replacement) private _supersededBy;
    mapping(bytes32 replacement => bytes32 digest) private _supersedes;
    mapping(uint256 batchId => Batch) private _batches;
    mapping(bytes32 root => uint256 batchId) private _batchIdByRoot;
    uint256 private _batchCount;
    mapping(uint32 typeId => StatusList) private _revoked;
    mapping(uint32 typeId => StatusList) private _suspended;

    constructor(address manager, IDepartmentDirectory directory) DepartmentScoped(manager, directory) {}

    // ===== TYPES =====

    /// @inheritdoc ICertificateRegistry
    function registerType(
        string calldata code,
        string calldata name,
        uint32[] calldata issuerDepartments,
        uint64 defaultValidity,
        bool suspendable,
        bool revocable
    ) external restricted returns (uint32 typeId) {
        _validateTypeCode(code);
        bytes32 codeHash = keccak256(bytes(code));
        if (_typeByCode[codeHash] != 0) revert CertificateDuplicateTypeCode(code, _typeByCode[codeHash]);
        if (issuerDepartments.length == 0) revert CertificateNoIssuers();

        typeId = ++_typeCount;
        _typeByCode[codeHash] = typeId;
        TypeRecord storage t = _types[typeId];
        t.rules = _withIssuers(
            PackedCertificateTypeLib.create(defaultValidity, suspendable, revocable),
            typeId,
            issuerDepartments
        );
        t.code = code;
        t.name = name;
        emit CertificateTypeRegistered(typeId, code, name, issuerDepartments, defaultValidity, suspendable, revocable);
    }

    /// @inheritdoc ICertificateRegistry
    function setTypeIssuer(uint32 typeId, uint32 departmentId, bool allowed) external restricted {
        PackedCertificateType rules = _rules(typeId);
        if (!_departmentExists(departmentId)) revert CertificateUnknownDepartment(departmentId);
        if (_isIssuer(rules, typeId, departmentId) == allowed) {
            revert CertificateTypeIssuerUnchanged(typeId, departmentId, allowed);
        }
        _types[typeId].rules = _withIssuer(rules, typeId, departmentId, allowed);
        emit CertificateTypeIssuerSet(typeId, departmentId, allowed);
    }

    /// @inheritdoc ICertificateRegistry
    function setTypeActive(uint32 typeId, bool active) external restricted {
        PackedCertificateType rules = _rules(typeId);
        if (rules.active() == active) revert CertificateTypeStatusUnchanged(typeId, active);
        _types[typeId].rules = rules.withActive(active);
        emit CertificateTypeActiveSet(typeId, active);
    }

    // ===== SINGLE CERTIFICATES =====

    /// @inheritdoc ICertificateRegistry
    function issue(
        uint32 typeId,
        bytes32 digest,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) external restricted returns (uint48 statusIndex) {
        (PackedCertificateType rules, uint32 departmentId) = _issuerDepartment(typeId);
        return _issue(rules, typeId, departmentId, digest, holderCommitment, validFrom, validUntil, metadataURI);
    }

    /// @inheritdoc ICertificateRegistry
    function supersede(
        bytes32 digest,
        bytes32 replacement,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        uint16 reasonCode,
        string calldata metadataURI
    ) external restricted returns (uint48 statusIndex) {
        PackedCertificate old = _changeable(digest);
        uint32 typeId = old.typeId();
        PackedCertificateType rules = _types[typeId].rules;
        // A correction ends the old certificate: only what could be revoked can be superseded.
        if (!rules.revocable()) revert CertificateNotSupersedable(typeId);
        // The issuing department may have lost the right to issue this type since.
        if (!_isIssuer(rules, typeId, old.departmentId())) {
            revert CertificateDepartmentNotIssuer(typeId, old.departmentId());
        }
        if (!rules.active()) revert CertificateTypeInactive(typeId);
        statusIndex = _issue(
            rules,
            typeId,
            old.departmentId(),
            replacement,
            holderCommitment,
            validFrom,
            validUntil,
            metadataURI
        );
        _supersededBy[digest] = replacement;
        _supersedes[replacement] = digest;
        // A superseded certificate is no longer valid: its revocation bit is set for status-list readers.
        _revoked[typeId].bits.set(old.statusIndex());
        emit CertificateSuperseded(digest, replacement, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function suspend(bytes32 digest, uint16 reasonCode) external restricted {
        PackedCertificate c = _changeable(digest);
        uint32 typeId = c.typeId();
        if (!_types[typeId].rules.suspendable()) revert CertificateNotSuspendable(typeId);
        if (!_suspended[typeId].bits.set(c.statusIndex())) revert CertificateIsSuspended(digest);
        emit CertificateSuspended(digest, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function reinstate(bytes32 digest) external restricted {
        PackedCertificate c = _changeable(digest);
        if (!_suspended[c.typeId()].bits.clear(c.statusIndex())) revert CertificateNotSuspended(digest);
        emit CertificateReinstated(digest, msg.sender);
    }

    /// @inheritdoc ICertificateRegistry
    function revoke(bytes32 digest, uint16 reasonCode) external restricted {
        PackedCertificate c = _changeable(digest);
        uint32 typeId = c.typeId();
        if (!_types[typeId].rules.revocable()) revert CertificateNotRevocable(typeId);
        _revoked[typeId].bits.set(c.statusIndex());
        emit CertificateRevoked(digest, msg.sender, reasonCode);
    }

    // ===== MERKLE BATCHES =====

    /// @inheritdoc ICertificateRegistry
    function anchorBatch(
        uint32 typeId,
        bytes32 root,
        uint32 count,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) external restricted returns (uint256 batchId) {
        (PackedCertificateType rules, uint32 departmentId) = _issuerDepartment(typeId);
        if (root == bytes32(0)) revert CertificateZeroRoot();
        if (count == 0) revert CertificateEmptyBatch();
        if (count > MAX_BATCH_SIZE) revert CertificateBatchTooLarge(count, MAX_BATCH_SIZE);
        if (_batchIdByRoot[root] != 0) revert CertificateRootAlreadyAnchored(root, _batchIdByRoot[root]);
        (validFrom, validUntil) = _validity(rules, validFrom, validUntil);
        uint48 firstStatusIndex = _allocate(rules, typeId, count);

        batchId = ++_batchCount;
        _batchIdByRoot[root] = batchId;
        _batches[batchId] = Batch({
            typeId: typeId,
            departmentId: departmentId,
            issuedBy: msg.sender,
            issuedAt: Time.timestamp(),
            validFrom: validFrom,
            validUntil: validUntil,
            count: count,
            firstStatusIndex: firstStatusIndex,
            revoked: false,
            root: root
        });
        emit BatchAnchored(
            batchId,
            typeId,
            departmentId,
            msg.sender,
            root,
            count,
            validFrom,
            validUntil,
            firstStatusIndex,
            metadataURI
        );
    }

    /// @inheritdoc ICertificateRegistry
    function suspendBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external restricted {
        (uint32 typeId, uint256 statusIndex) = _changeableBatchItem(batchId, index);
        if (!_types[typeId].rules.suspendable()) revert CertificateNotSuspendable(typeId);
        if (!_suspended[typeId].bits.set(statusIndex)) revert CertificateBatchItemIsSuspended(batchId, index);
        emit BatchItemSuspended(batchId, index, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function reinstateBatchItem(uint256 batchId, uint32 index) external restricted {
        (uint32 typeId, uint256 statusIndex) = _changeableBatchItem(batchId, index);
        if (!_suspended[typeId].bits.clear(statusIndex)) revert CertificateBatchItemNotSuspended(batchId, index);
        emit BatchItemReinstated(batchId, index, msg.sender);
    }

    /// @inheritdoc ICertificateRegistry
    function revokeBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external restricted {
        (uint32 typeId, uint256 statusIndex) = _changeableBatchItem(batchId, index);
        if (!_types[typeId].rules.revocable()) revert CertificateNotRevocable(typeId);
        _revoked[typeId].bits.set(statusIndex);
        emit BatchItemRevoked(batchId, index, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function revokeBatch(uint256 batchId, uint16 reasonCode) external restricted {
        Batch storage b = _batch(batchId);
        if (!_actsFor(b.departmentId)) revert CertificateNotIssuingDepartment(b.departmentId, msg.sender);
        if (b.revoked) revert CertificateBatchRevoked(batchId);
        uint32 typeId = b.typeId;
        if (!_types[typeId].rules.revocable()) revert CertificateNotRevocable(typeId);
        b.revoked = true;
        // The flag answers verifyBatchItem; the status list gets the range in a few writes whatever the
        // batch size (the whole words in between are one bit each in `wholeWords`).
        StatusList storage list = _revoked[typeId];
        list.bits.setRange(list.wholeWords, b.firstStatusIndex, b.count);
        emit BatchRevoked(batchId, msg.sender, reasonCode);
    }

    // ===== VIEWS =====

    /// @inheritdoc ICertificateRegistry
    function verify(bytes32 digest) external view returns (Verification memory v) {
        Record storage r = _certificates[digest];
        PackedCertificate c = r.packed;
        if (!c.exists()) return v;
        v.typeId = c.typeId();
        v.departmentId = c.departmentId();
        v.issuedAt = c.issuedAt();
        v.validFrom = c.validFrom();
        v.validUntil = c.validUntil();
        v.statusIndex = c.statusIndex();
        v.holderCommitment = r.holderCommitment;
        v.supersedes = _supersedes[digest];
        v.supersededBy = _supersededBy[digest];
        if (v.supersededBy != bytes32(0)) {
            v.status = Status.Superseded;
        } else {
            v.status = _status(v.typeId, v.statusIndex, v.validFrom, v.validUntil);
        }
    }

    /// @inheritdoc ICertificateRegistry
    function verifyBatchItem(
        uint256 batchId,
        uint32 index,
        bytes32 digest,
        bytes32 holderCommitment,
        bytes32[] calldata proof
    ) external view returns (Status) {
        Batch storage b = _batches[batchId];
        if (b.issuedBy == address(0) || index >= b.count) return Status.Unknown;
        bytes32 leaf = keccak256(bytes.concat(keccak256(abi.encode(index, digest, holderCommitment))));
        if (!MerkleProof.verifyCalldata(proof, b.root, leaf)) return Status.Unknown;
        if (b.revoked) return Status.Revoked;
        return _status(b.typeId, uint256(b.firstStatusIndex) + index, b.validFrom, b.validUntil);
    }

    /// @inheritdoc ICertificateRegistry
    function batch(uint256 batchId) external view returns (Batch memory) {
        return _batch(batchId);
    }

    /// @inheritdoc ICertificateRegistry
    function batchIdOfRoot(bytes32 root) external view returns (uint256) {
        return _batchIdByRoot[root];
    }

    /// @inheritdoc ICertificateRegistry
    function batchCount() external view returns (uint256) {
        return _batchCount;
    }

    /// @inheritdoc ICertificateRegistry
    function certificateType(uint32 typeId) external view returns (CertificateType memory) {
        PackedCertificateType rules = _rules(typeId);
        TypeRecord storage t = _types[typeId];
        return
            CertificateType({
                id: typeId,
                code: t.code,
                name: t.name,
                defaultValidity: rules.defaultValidity(),
                suspendable: rules.suspendable(),
                revocable: rules.revocable(),
                active: rules.active(),
                statusEntries: rules.statusEntries()
            });
    }

    /// @inheritdoc ICertificateRegistry
    function typeCount() external view returns (uint32) {
        return _typeCount;
    }

    /// @inheritdoc ICertificateRegistry
    function canIssue(uint32 typeId, uint32 departmentId) external view returns (bool) {
        PackedCertificateType rules = _types[typeId].rules;
        return rules.registered() && _isIssuer(rules, typeId, departmentId);
    }

    /// @inheritdoc ICertificateRegistry
    function statusWords(
        uint32 typeId,
        StatusPurpose purpose,
        uint256 fromWord,
        uint256 wordCount
    ) external view returns (uint256[] memory) {
        _rules(typeId);
        if (!Pagination.isValidLimit(wordCount, _MAX_STATUS_WORDS) || fromWord > _LAST_STATUS_WORD) {
            revert CertificateInvalidStatusRange(typeId, fromWord, wordCount);
        }
        StatusList storage list = purpose == StatusPurpose.Revocation ? _revoked[typeId] : _suspended[typeId];
        return list.bits.words(list.wholeWords, fromWord, wordCount);
    }

    // ===== INTERNAL =====

    /// @dev Issues `digest` with the type's next status index. `rules` is the type's word as read by the
    /// caller (checked: registered, active, the department may issue).
    function _issue(
        PackedCertificateType rules,
        uint32 typeId,
        uint32 departmentId,
        bytes32 digest,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) private returns (uint48 statusIndex) {
        if (digest == bytes32(0)) revert CertificateZeroDigest();
        if (holderCommitment == bytes32(0)) revert CertificateZeroHolder();
        Record storage r = _certificates[digest];
        if (r.packed.exists()) revert CertificateAlreadyIssued(digest);
        (validFrom, validUntil) = _validity(rules, validFrom, validUntil);
        statusIndex = _allocate(rules, typeId, 1);
        r.packed = PackedCertificateLib.pack(
            typeId,
            departmentId,
            statusIndex,
            Time.timestamp(),
            validFrom,
            validUntil
        );
        r.holderCommitment = holderCommitment;
        emit CertificateIssued(
            digest,
            typeId,
            departmentId,
            msg.sender,
            holderCommitment,
            validFrom,
            validUntil,
            statusIndex,
            metadataURI
        );
    }

    /// @dev Hands out `count` consecutive status indexes of `typeId`, from `rules.statusEntries()`, and
    /// writes the type's word. The count is at most MAX_BATCH_SIZE and the entries below 2^48, so the
    /// sum cannot overflow; past the last index the type refuses with a named error, never a panic.
    function _allocate(
        PackedCertificateType rules,
        uint32 typeId,
        uint256 count
    ) private returns (uint48 first) {
        first = rules.statusEntries();
        uint256 next = uint256(first) + count;
        if (next > PackedCertificateTypeLib.MAX_STATUS_ENTRIES) revert CertificateStatusListFull(typeId, first, count);
        _types[typeId].rules = rules.withStatusEntries(uint48(next));
    }

    /// @dev The type's word and the caller's department, if that department may issue the type now.
    function _issuerDepartment(
        uint32 typeId
    ) private view returns (PackedCertificateType rules, uint32 departmentId) {
        rules = _rules(typeId);
        if (!rules.active()) revert CertificateTypeInactive(typeId);
        departmentId = _actingDepartment();
        if (departmentId == 0) revert CertificateNotOfficial(msg.sender);
        if (!_isIssuer(rules, typeId, departmentId)) revert CertificateDepartmentNotIssuer(typeId, departmentId);
    }

    function _isIssuer(PackedCertificateType rules, uint32 typeId, uint32 departmentId) private view returns (bool) {
        if (departmentId == 0) return false;
        if (departmentId <= PackedCertificateTypeLib.BITMAP_DEPARTMENTS) return rules.bitmapIssuer(departmentId);
        return _issuers[typeId][departmentId];
    }

    /// @dev `rules` with every department of `departmentIds` allowed (each must be registered).
    function _withIssuers(
        PackedCertificateType rules,
        uint32 typeId,
        uint32[] calldata departmentIds
    ) private returns (PackedCertificateType) {
        uint32 departmentCount = _directory.departmentCount();
        for (uint256 i = 0; i < departmentIds.length; ++i) {
            uint32 departmentId = departmentIds[i];
            if (!_departmentExists(departmentId, departmentCount)) revert CertificateUnknownDepartment(departmentId);
            rules = _withIssuer(rules, typeId, departmentId, true);
        }
        return rules;
    }

    /// @dev `rules` with `departmentId` (a registered department, so at least 1) allowed or not. Issuers
    /// beyond the bitmap are written to `_issuers` here; the caller stores the returned word.
    function _withIssuer(
        PackedCertificateType rules,
        uint32 typeId,
        uint32 departmentId,
        bool allowed
    ) private returns (PackedCertificateType) {
        if (departmentId <= PackedCertificateTypeLib.BITMAP_DEPARTMENTS) {
            return rules.withBitmapIssuer(departmentId, allowed);
        }
        _issuers[typeId][departmentId] = allowed;
        return rules;
    }

    function _validity(
        PackedCertificateType rules,
        uint48 validFrom,
        uint48 validUntil
    ) private view returns (uint48, uint48) {
        if (validFrom == 0) validFrom = Time.timestamp();
        if (validUntil == 0) {
            uint64 d = rules.defaultValidity();
            if (d != 0) {
                uint256 end = uint256(validFrom) + d;
                if (end > type(uint48).max) revert CertificateValidityOverflow(validFrom, d);
                validUntil = uint48(end);
            }
        } else if (validUntil <= validFrom) {
            revert CertificateInvalidValidity(validFrom, validUntil);
        }
        return (validFrom, validUntil);
    }

    /// @dev A certificate whose status may still change, and a caller of its issuing department.
    function _changeable(bytes32 digest) private view returns (PackedCertificate c) {
        c = _certificates[digest].packed;
        if (!c.exists()) revert CertificateUnknown(digest);
        if (!_actsFor(c.departmentId())) revert CertificateNotIssuingDepartment(c.departmentId(), msg.sender);
        if (_supersededBy[digest] != bytes32(0)) revert CertificateFinal(digest, Status.Superseded);
        // A single certificate's index is never inside a revoked batch's whole words: the first level is exact.
        if (_revoked[c.typeId()].bits.get(c.statusIndex())) revert CertificateFinal(digest, Status.Revoked);
    }

    /// @dev The type and status index of an item whose status may still change, for a caller of the
    /// batch's department.
    function _changeableBatchItem(
        uint256 batchId,
        uint32 index
    ) private view returns (uint32 typeId, uint256 statusIndex) {
        Batch storage b = _batch(batchId);
        if (!_actsFor(b.departmentId)) revert CertificateNotIssuingDepartment(b.departmentId, msg.sender);
        if (index >= b.count) revert CertificateBatchIndexOutOfRange(batchId, index, b.count);
        if (b.revoked) revert CertificateBatchRevoked(batchId);
        typeId = b.typeId;
        statusIndex = uint256(b.firstStatusIndex) + index;
        // The batch is not revoked, so none of its indexes is in the whole words: the first level is exact.
        if (_revoked[typeId].bits.get(statusIndex)) revert CertificateBatchItemRevoked(batchId, index);
    }

    function _status(
        uint32 typeId,
        uint256 statusIndex,
        uint48 validFrom,
        uint48 validUntil
    ) private view returns (Status) {
        StatusList storage revoked = _revoked[typeId];
        if (revoked.bits.isSet(revoked.wholeWords, statusIndex)) return Status.Revoked;
        if (_suspended[typeId].bits.get(statusIndex)) return Status.Suspended;
        uint48 now_ = Time.timestamp();
        if (now_ < validFrom) return Status.NotYetValid;
        if (validUntil != 0 && now_ >= validUntil) return Status.Expired;
        return Status.Valid;
    }

    /// @dev Certificate-type codes follow the department code rules (they name published files and URLs).
    function _validateTypeCode(string calldata code) private pure {
        if (bytes(code).length == 0) revert CertificateEmptyTypeCode();
        if (!Codes.isValid(code)) revert CertificateInvalidTypeCode(code);
    }

    function _rules(uint32 typeId) private view returns (PackedCertificateType rules) {
        rules = _types[typeId].rules;
        if (!rules.registered()) revert CertificateUnknownType(typeId);
    }

    function _batch(uint256 batchId) private view returns (Batch storage b) {
        b = _batches[batchId];
        if (b.issuedBy == address(0)) revert CertificateUnknownBatch(batchId);
    }
}
