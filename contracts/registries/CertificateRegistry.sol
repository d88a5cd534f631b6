// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";
import {MerkleProof} from "@openzeppelin/contracts/utils/cryptography/MerkleProof.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {ICertificateRegistry} from "../interfaces/ICertificateRegistry.sol";
import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {StatusBits} from "../libraries/StatusBits.sol";

/// @title CertificateRegistry
/// @notice Electronic certificates, single and in Merkle batches, with W3C-style status lists.
/// @dev Types are administered through the AccessManager (`restricted`); issuing and status changes are
/// department-scoped and checked against the DepartmentDirectory. A certificate record is two storage
/// slots; its metadata URI and issuing official live only in the CertificateIssued event.
contract CertificateRegistry is AccessManaged, ICertificateRegistry {
    using StatusBits for mapping(uint256 => uint256);

    uint256 private constant _MAX_STATUS_WORDS = 1024;
    /// @dev Departments 1 to 128 are marked in `TypeRecord.issuerBits`, later ones in `_issuers`.
    uint32 private constant _BITMAP_DEPARTMENTS = 128;

    struct TypeRecord {
        string code;
        string name;
        uint64 defaultValidity;
        bool suspendable;
        bool revocable;
        bool active;
        bool registered;
        uint32 statusEntries;
        // Bit d - 1 set: department d (1 to 128) may issue. In the slot an issue reads anyway, this
        // spares a cold read of `_issuers` for the departments of any realistic directory.
        uint128 issuerBits;
    }

    /// @dev Two slots: the first packs every field but the holder commitment (240 bits), the second is
    /// the commitment. `issuedAt != 0` marks an existing record (block timestamps are never zero). The
    /// issuing official is not stored: `issue` only succeeds for an acting official of an issuer
    /// department, so authority at issue holds by construction, and the official's address is in the
    /// CertificateIssued event (found by its indexed digest). Later checks need only the department.
    struct Record {
        uint32 typeId;
        uint32 departmentId;
        uint32 statusIndex;
        uint48 issuedAt;
        uint48 validFrom;
        uint48 validUntil;
        bytes32 holderCommitment;
    }

    IDepartmentDirectory private immutable _directory;

    uint32 private _typeCount;
    mapping(uint32 typeId => TypeRecord) private _types;
    mapping(bytes32 codeHash => uint32 typeId) private _typeByCode;
    /// @dev Issuers among departments above 128 (those up to 128 are in `TypeRecord.issuerBits`).
    mapping(uint32 typeId => mapping(uint32 departmentId => bool)) private _issuers;
    mapping(bytes32 digest => Record) private _certificates;
    mapping(bytes32 digest => bytes32 replacement) private _supersededBy;
    mapping(bytes32 replacement => bytes32 digest) private _supersedes;
    mapping(uint256 batchId => Batch) private _batches;
    uint256 private _batchCount;
    mapping(uint32 typeId => mapping(uint256 word => uint256 bits)) private _revoked;
    mapping(uint32 typeId => mapping(uint256 word => uint256 bits)) private _suspended;

    constructor(address manager, IDepartmentDirectory directory) AccessManaged(manager) {
        _directory = directory;
    }

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
        if (bytes(code).length == 0) revert CertificateEmptyTypeCode();
        bytes32 codeHash = keccak256(bytes(code));
        if (_typeByCode[codeHash] != 0) revert CertificateDuplicateTypeCode(code, _typeByCode[codeHash]);
        if (issuerDepartments.length == 0) revert CertificateNoIssuers();
        uint32 departmentCount = _directory.departmentCount();

        typeId = ++_typeCount;
        _typeByCode[codeHash] = typeId;
        TypeRecord storage t = _types[typeId];
        _types[typeId] = TypeRecord({
            code: code,
            name: name,
            defaultValidity: defaultValidity,
            suspendable: suspendable,
            revocable: revocable,
            active: true,
            registered: true,
            statusEntries: 0,
            issuerBits: 0
        });
        for (uint256 i = 0; i < issuerDepartments.length; ++i) {
            uint32 departmentId = issuerDepartments[i];
            if (departmentId == 0 || departmentId > departmentCount) revert CertificateUnknownDepartment(departmentId);
            _setIssuer(t, typeId, departmentId, true);
        }
        emit CertificateTypeRegistered(typeId, code, name, issuerDepartments, defaultValidity, suspendable, revocable);
    }

    /// @inheritdoc ICertificateRegistry
    function setTypeIssuer(uint32 typeId, uint32 departmentId, bool allowed) external restricted {
        TypeRecord storage t = _type(typeId);
        if (departmentId == 0 || departmentId > _directory.departmentCount()) {
            revert CertificateUnknownDepartment(departmentId);
        }
        if (_isIssuer(t, typeId, departmentId) == allowed) {
            revert CertificateTypeIssuerUnchanged(typeId, departmentId, allowed);
        }
        _setIssuer(t, typeId, departmentId, allowed);
        emit CertificateTypeIssuerSet(typeId, departmentId, allowed);
    }

    /// @inheritdoc ICertificateRegistry
    function setTypeActive(uint32 typeId, bool active) external restricted {
        TypeRecord storage t = _type(typeId);
        if (t.active == active) revert CertificateTypeStatusUnchanged(typeId, active);
        t.active = active;
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
    ) external returns (uint32 statusIndex) {
        (TypeRecord storage t, uint32 departmentId) = _issuerDepartment(typeId);
        return _issue(t, typeId, departmentId, digest, holderCommitment, validFrom, validUntil, metadataURI);
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
    ) external returns (uint32 statusIndex) {
        Record storage old = _changeable(digest);
        uint32 typeId = old.typeId;
        uint32 departmentId = old.departmentId;
        TypeRecord storage t = _types[typeId];
        // The issuing department may have lost the right to issue this type since.
        if (!_isIssuer(t, typeId, departmentId)) revert CertificateDepartmentNotIssuer(typeId, departmentId);
        if (!t.active) revert CertificateTypeInactive(typeId);
        statusIndex = _issue(t, typeId, departmentId, replacement, holderCommitment, validFrom, validUntil, metadataURI);
        _supersededBy[digest] = replacement;
        _supersedes[replacement] = digest;
        // A superseded certificate is no longer valid: its revocation bit is set for status-list readers.
        _revoked[typeId].set(old.statusIndex);
        emit CertificateSuperseded(digest, replacement, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function suspend(bytes32 digest, uint16 reasonCode) external {
        Record storage r = _changeable(digest);
        if (!_types[r.typeId].suspendable) revert CertificateNotSuspendable(r.typeId);
        if (!_suspended[r.typeId].set(r.statusIndex)) revert CertificateIsSuspended(digest);
        emit CertificateSuspended(digest, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function reinstate(bytes32 digest) external {
        Record storage r = _changeable(digest);
        if (!_suspended[r.typeId].clear(r.statusIndex)) revert CertificateNotSuspended(digest);
        emit CertificateReinstated(digest, msg.sender);
    }

    /// @inheritdoc ICertificateRegistry
    function revoke(bytes32 digest, uint16 reasonCode) external {
        Record storage r = _changeable(digest);
        if (!_types[r.typeId].revocable) revert CertificateNotRevocable(r.typeId);
        _revoked[r.typeId].set(r.statusIndex);
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
    ) external returns (uint256 batchId) {
        (TypeRecord storage t, uint32 departmentId) = _issuerDepartment(typeId);
        if (root == bytes32(0)) revert CertificateZeroRoot();
        if (count == 0) revert CertificateEmptyBatch();
        (validFrom, validUntil) = _validity(t, validFrom, validUntil);
        uint32 firstStatusIndex = t.statusEntries;
        t.statusEntries = firstStatusIndex + count;

        batchId = ++_batchCount;
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
    function suspendBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external {
        Batch storage b = _changeableBatchItem(batchId, index);
        if (!_types[b.typeId].suspendable) revert CertificateNotSuspendable(b.typeId);
        if (!_suspended[b.typeId].set(b.firstStatusIndex + index)) revert CertificateBatchItemIsSuspended(batchId, index);
        emit BatchItemSuspended(batchId, index, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function reinstateBatchItem(uint256 batchId, uint32 index) external {
        Batch storage b = _changeableBatchItem(batchId, index);
        if (!_suspended[b.typeId].clear(b.firstStatusIndex + index)) {
            revert CertificateBatchItemNotSuspended(batchId, index);
        }
        emit BatchItemReinstated(batchId, index, msg.sender);
    }

    /// @inheritdoc ICertificateRegistry
    function revokeBatchItem(uint256 batchId, uint32 index, uint16 reasonCode) external {
        Batch storage b = _changeableBatchItem(batchId, index);
        if (!_types[b.typeId].revocable) revert CertificateNotRevocable(b.typeId);
        _revoked[b.typeId].set(b.firstStatusIndex + index);
        emit BatchItemRevoked(batchId, index, msg.sender, reasonCode);
    }

    /// @inheritdoc ICertificateRegistry
    function revokeBatch(uint256 batchId, uint16 reasonCode) external {
        Batch storage b = _batch(batchId);
        _requireIssuingDepartment(b.departmentId);
        if (b.revoked) revert CertificateBatchRevoked(batchId);
        if (!_types[b.typeId].revocable) revert CertificateNotRevocable(b.typeId);
        b.revoked = true;
        _revoked[b.typeId].setRange(b.firstStatusIndex, b.count);
        emit BatchRevoked(batchId, msg.sender, reasonCode);
    }

    // ===== VIEWS =====

    /// @inheritdoc ICertificateRegistry
    function verify(bytes32 digest) external view returns (Verification memory v) {
        Record storage r = _certificates[digest];
        if (r.issuedAt == 0) return v;
        v.typeId = r.typeId;
        v.departmentId = r.departmentId;
        v.issuedAt = r.issuedAt;
        v.validFrom = r.validFrom;
        v.validUntil = r.validUntil;
        v.statusIndex = r.statusIndex;
        v.holderCommitment = r.holderCommitment;
        v.supersedes = _supersedes[digest];
        v.supersededBy = _supersededBy[digest];
        if (v.supersededBy != bytes32(0)) {
            v.status = Status.Superseded;
        } else {
            v.status = _status(r.typeId, r.statusIndex, r.validFrom, r.validUntil);
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
        return _status(b.typeId, b.firstStatusIndex + index, b.validFrom, b.validUntil);
    }

    /// @inheritdoc ICertificateRegistry
    function batch(uint256 batchId) external view returns (Batch memory) {
        return _batch(batchId);
    }

    /// @inheritdoc ICertificateRegistry
    function batchCount() external view returns (uint256) {
        return _batchCount;
    }

    /// @inheritdoc ICertificateRegistry
    function certificateType(uint32 typeId) external view returns (CertificateType memory) {
        TypeRecord storage t = _type(typeId);
        return
            CertificateType({
                id: typeId,
                code: t.code,
                name: t.name,
                defaultValidity: t.defaultValidity,
                suspendable: t.suspendable,
                revocable: t.revocable,
                active: t.active,
                statusEntries: t.statusEntries
            });
    }

    /// @inheritdoc ICertificateRegistry
    function typeCount() external view returns (uint32) {
        return _typeCount;
    }

    /// @inheritdoc ICertificateRegistry
    function canIssue(uint32 typeId, uint32 departmentId) external view returns (bool) {
        return _isIssuer(_types[typeId], typeId, departmentId);
    }

    /// @inheritdoc ICertificateRegistry
    function statusWords(
        uint32 typeId,
        StatusPurpose purpose,
        uint256 fromWord,
        uint256 wordCount
    ) external view returns (uint256[] memory words) {
        _type(typeId);
        if (wordCount == 0 || wordCount > _MAX_STATUS_WORDS || fromWord > type(uint32).max) {
            revert CertificateInvalidStatusRange(typeId, fromWord, wordCount);
        }
        mapping(uint256 => uint256) storage bits = purpose == StatusPurpose.Revocation
            ? _revoked[typeId]
            : _suspended[typeId];
        words = new uint256[](wordCount);
        for (uint256 i = 0; i < wordCount; ++i) {
            words[i] = bits[fromWord + i];
        }
    }

    // ===== INTERNAL =====

    function _issue(
        TypeRecord storage t,
        uint32 typeId,
        uint32 departmentId,
        bytes32 digest,
        bytes32 holderCommitment,
        uint48 validFrom,
        uint48 validUntil,
        string calldata metadataURI
    ) private returns (uint32 statusIndex) {
        if (digest == bytes32(0)) revert CertificateZeroDigest();
        if (holderCommitment == bytes32(0)) revert CertificateZeroHolder();
        Record storage r = _certificates[digest];
        if (r.issuedAt != 0) revert CertificateAlreadyIssued(digest);
        (validFrom, validUntil) = _validity(t, validFrom, validUntil);
        statusIndex = t.statusEntries;
        t.statusEntries = statusIndex + 1;

        // The record's two fresh slots, each written once as a whole word (field by field, the compiler
        // reads back and masks the slot it has just written). The layout is Record's, checked by the
        // tests through `verify`.
        uint256 word0 = uint256(typeId) |
            (uint256(departmentId) << 32) |
            (uint256(statusIndex) << 64) |
            (uint256(Time.timestamp()) << 96) |
            (uint256(validFrom) << 144) |
            (uint256(validUntil) << 192);
        // solhint-disable-next-line no-inline-assembly
        assembly ("memory-safe") {
            sstore(r.slot, word0)
            sstore(add(r.slot, 1), holderCommitment)
        }
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

    /// @dev The caller's department, if it may issue `typeId` now.
    function _issuerDepartment(uint32 typeId) private view returns (TypeRecord storage t, uint32 departmentId) {
        t = _type(typeId);
        if (!t.active) revert CertificateTypeInactive(typeId);
        departmentId = _directory.actingDepartmentOf(msg.sender);
        if (departmentId == 0) revert CertificateNotOfficial(msg.sender);
        if (!_isIssuer(t, typeId, departmentId)) revert CertificateDepartmentNotIssuer(typeId, departmentId);
    }

    function _isIssuer(TypeRecord storage t, uint32 typeId, uint32 departmentId) private view returns (bool) {
        if (departmentId == 0) return false;
        if (departmentId <= _BITMAP_DEPARTMENTS) return (t.issuerBits >> (departmentId - 1)) & 1 != 0;
        return _issuers[typeId][departmentId];
    }

    /// @dev `departmentId` is a registered department (callers check), so at least 1.
    function _setIssuer(TypeRecord storage t, uint32 typeId, uint32 departmentId, bool allowed) private {
        if (departmentId <= _BITMAP_DEPARTMENTS) {
            uint128 bit = uint128(1) << (departmentId - 1);
            t.issuerBits = allowed ? t.issuerBits | bit : t.issuerBits & ~bit;
        } else {
            _issuers[typeId][departmentId] = allowed;
        }
    }

    function _validity(
        TypeRecord storage t,
        uint48 validFrom,
        uint48 validUntil
    ) private view returns (uint48, uint48) {
        if (validFrom == 0) validFrom = Time.timestamp();
        if (validUntil == 0) {
            uint64 d = t.defaultValidity;
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
    function _changeable(bytes32 digest) private view returns (Record storage r) {
        r = _certificates[digest];
        if (r.issuedAt == 0) revert CertificateUnknown(digest);
        _requireIssuingDepartment(r.departmentId);
        if (_supersededBy[digest] != bytes32(0)) revert CertificateFinal(digest, Status.Superseded);
        if (_revoked[r.typeId].get(r.statusIndex)) revert CertificateFinal(digest, Status.Revoked);
    }

    function _changeableBatchItem(uint256 batchId, uint32 index) private view returns (Batch storage b) {
        b = _batch(batchId);
        _requireIssuingDepartment(b.departmentId);
        if (index >= b.count) revert CertificateBatchIndexOutOfRange(batchId, index, b.count);
        if (b.revoked) revert CertificateBatchRevoked(batchId);
        if (_revoked[b.typeId].get(b.firstStatusIndex + index)) revert CertificateBatchItemRevoked(batchId, index);
    }

    function _requireIssuingDepartment(uint32 departmentId) private view {
        if (_directory.actingDepartmentOf(msg.sender) != departmentId) {
            revert CertificateNotIssuingDepartment(departmentId, msg.sender);
        }
    }

    function _status(
        uint32 typeId,
        uint256 statusIndex,
        uint48 validFrom,
        uint48 validUntil
    ) private view returns (Status) {
        if (_revoked[typeId].get(statusIndex)) return Status.Revoked;
        if (_suspended[typeId].get(statusIndex)) return Status.Suspended;
        uint48 now_ = Time.timestamp();
        if (now_ < validFrom) return Status.NotYetValid;
        if (validUntil != 0 && now_ >= validUntil) return Status.Expired;
        return Status.Valid;
    }

    function _type(uint32 typeId) private view returns (TypeRecord storage t) {
        t = _types[typeId];
        if (!t.registered) revert CertificateUnknownType(typeId);
    }

    function _batch(uint256 batchId) private view returns (Batch storage b) {
        b = _batches[batchId];
        if (b.issuedBy == address(0)) revert CertificateUnknownBatch(batchId);
    }
}
