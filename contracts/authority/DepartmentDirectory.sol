// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IAccessManager} from "@openzeppelin/contracts/access/manager/IAccessManager.sol";
import {EnumerableSet} from "@openzeppelin/contracts/utils/structs/EnumerableSet.sol";
import {Time} from "@openzeppelin/contracts/utils/types/Time.sol";

import {IDepartmentDirectory} from "../interfaces/IDepartmentDirectory.sol";
import {IDepartmentRoleHook} from "../interfaces/IDepartmentRoleHook.sol";
import {DepartmentRoles} from "../libraries/DepartmentRoles.sol";
import {Codes} from "../libraries/Codes.sol";
import {Pagination} from "../libraries/Pagination.sol";
import {FixedAuthority} from "./FixedAuthority.sol";

/// @title DepartmentDirectory
/// @notice Departments, their heads and officials, and the history of every appointment.
/// @dev Heads and officials are AccessManager roles (see DepartmentRoles): the administrator grants a
/// head role, a head grants its department's official role, and the manager calls this directory's
/// hooks before every such grant or revoke. The directory never grants anything itself. Its authority is
/// fixed (FixedAuthority): only the manager it was deployed with can call the hooks, so the appointment
/// history cannot be written through another authority.
contract DepartmentDirectory is FixedAuthority, IDepartmentDirectory {
    using EnumerableSet for EnumerableSet.AddressSet;

    uint256 private constant _MAX_PAGE = 200;

    struct DepartmentRecord {
        string code;
        string nameZh;
        string nameEn;
        string metadataURI;
        // Start of the current active period, 0 while inactive (block timestamps are never 0). It stands
        // for an `active` flag and, in the slot `isOfficial` reads anyway, answers `wasActiveAt` for any
        // time in the current period without reading `_activePeriods`.
        uint48 activeSince;
        uint48 registeredAt;
        address head;
        // The account that funds the department's tenders and receives its refunds (set by the head).
        address treasury;
    }

    /// @dev An account's current seat; `departmentId == 0` means none. `index` points into its appointments;
    /// `from` is when the grant takes effect. One slot, so `isOfficial` costs two storage reads.
    struct Seat {
        uint32 departmentId;
        bool head;
        uint32 index;
        uint48 from;
    }

    uint32 private _departmentCount;
    mapping(uint32 departmentId => DepartmentRecord) private _departments;
    mapping(uint32 departmentId => EnumerableSet.AddressSet) private _officials;
    mapping(uint32 departmentId => ActivePeriod[]) private _activePeriods;
    mapping(bytes32 codeHash => uint32 departmentId) private _idByCode;
    mapping(address account => Appointment[]) private _appointments;
    mapping(address account => Seat) private _seats;

    constructor(address manager) FixedAuthority(manager) {}

    // ===== DEPARTMENT ADMINISTRATION =====

    /// @inheritdoc IDepartmentDirectory
    function registerDepartment(
        string calldata code,
        string calldata nameZh,
        string calldata nameEn,
        string calldata metadataURI
    ) external restricted returns (uint32 departmentId) {
        _validateCode(code);
        bytes32 codeHash = keccak256(bytes(code));
        uint32 existing = _idByCode[codeHash];
        if (existing != 0) revert DirectoryDuplicateCode(code, existing);
        _requireName(code, nameZh, nameEn, metadataURI);

        departmentId = ++_departmentCount;
        uint48 now_ = Time.timestamp();
        _departments[departmentId] = DepartmentRecord({
            code: code,
            nameZh: nameZh,
            nameEn: nameEn,
            metadataURI: metadataURI,
            activeSince: now_,
            registeredAt: now_,
            head: address(0),
            treasury: address(0)
        });
        _idByCode[codeHash] = departmentId;
        _activePeriods[departmentId].push(ActivePeriod({from: now_, until: 0}));
        emit DepartmentRegistered(
            departmentId,
            code,
            nameZh,
            nameEn,
            metadataURI,
            DepartmentRoles.headRole(departmentId),
            DepartmentRoles.officialRole(departmentId)
        );
    }

    /// @inheritdoc IDepartmentDirectory
    function updateDepartment(
        uint32 departmentId,
        string calldata nameZh,
        string calldata nameEn,
        string calldata metadataURI
    ) external restricted {
        DepartmentRecord storage record = _record(departmentId);
        _requireName(record.code, nameZh, nameEn, metadataURI);
        record.nameZh = nameZh;
        record.nameEn = nameEn;
        record.metadataURI = metadataURI;
        emit DepartmentUpdated(departmentId, nameZh, nameEn, metadataURI);
    }

    /// @inheritdoc IDepartmentDirectory
    function setDepartmentActive(uint32 departmentId, bool active) external restricted {
        DepartmentRecord storage record = _record(departmentId);
        if ((record.activeSince != 0) == active) revert DirectoryDepartmentStatusUnchanged(departmentId, active);
        uint48 now_ = Time.timestamp();
        record.activeSince = active ? now_ : 0;
        ActivePeriod[] storage periods = _activePeriods[departmentId];
        if (active) {
            periods.push(ActivePeriod({from: now_, until: 0}));
            emit DepartmentReactivated(departmentId);
        } else {
            periods[periods.length - 1].until = now_;
            emit DepartmentDeactivated(departmentId);
        }
    }

    // ===== DEPARTMENT HEADS =====

    /// @inheritdoc IDepartmentDirectory
    function setTreasury(uint32 departmentId, address treasury) external restricted {
        DepartmentRecord storage record = _record(departmentId);
        if (!isHead(departmentId, msg.sender)) revert DirectoryNotHead(departmentId, msg.sender);
        if (treasury == address(0)) revert DirectoryZeroAddress();
        if (treasury == record.treasury) revert DirectoryTreasuryUnchanged(departmentId, treasury);
        record.treasury = treasury;
        emit TreasurySet(departmentId, treasury, msg.sender);
    }

    // ===== ROLE HOOKS (called by the access manager) =====

    /// @inheritdoc IDepartmentRoleHook
    function onDepartmentRoleGranted(uint64 roleId, address account, address operator, uint48 since) external {
        _onlyManager();
        // An appointment starts when it is granted or later, never in the past: the history of who served
        // when is append-only.
        uint48 now_ = Time.timestamp();
        if (since < now_) revert DirectoryBackdatedAppointment(account, since, now_);
        (uint32 departmentId, bool head) = DepartmentRoles.decode(roleId);
        DepartmentRecord storage record = _record(departmentId);
        if (account == address(0)) revert DirectoryZeroAddress();
        // Separation of duties: whoever administers or guards the platform holds no department seat.
        _requireNoPlatformRole(account);
        // A head may be appointed to an inactive department, so that someone can remove its officials
        // before it is reactivated; officials may not.
        if (record.activeSince == 0 && !head) revert DirectoryDepartmentInactive(departmentId);
        Seat memory seat = _seats[account];
        if (seat.departmentId != 0) revert DirectoryAlreadyServing(account, seat.departmentId, seat.head);
        if (head && record.head != address(0)) revert DirectoryHeadAlreadyAppointed(departmentId, record.head);

        Appointment[] storage history = _appointments[account];
        _seats[account] = Seat({departmentId: departmentId, head: head, index: uint32(history.length), from: since});
        history.push(
            Appointment({departmentId: departmentId, head: head, from: since, until: 0, appointedBy: operator})
        );
        if (head) {
            record.head = account;
            emit HeadAppointed(departmentId, account, operator, since);
        } else {
            _officials[departmentId].add(account);
            emit OfficialAppointed(departmentId, account, operator, since);
        }
    }

    /// @inheritdoc IDepartmentRoleHook
    function onDepartmentRoleRevoked(uint64 roleId, address account, address operator) external {
        _onlyManager();
        (uint32 departmentId, bool head) = DepartmentRoles.decode(roleId);
        DepartmentRecord storage record = _record(departmentId);
        Seat memory seat = _seats[account];
        if (seat.departmentId != departmentId || seat.head != head) {
            revert DirectoryNotServing(account, departmentId, head);
        }

        delete _seats[account];
        // A grant with a delay that is revoked before it took effect leaves an empty interval
        // (from > until), which contains no time: the account never served.
        _appointments[account][seat.index].until = Time.timestamp();
        if (head) {
            record.head = address(0);
            emit HeadRemoved(departmentId, account, operator);
        } else {
            _officials[departmentId].remove(account);
            emit OfficialRemoved(departmentId, account, operator);
        }
    }

    // ===== AUTHORITY VIEWS =====

    /// @inheritdoc IDepartmentDirectory
    function isOfficial(uint32 departmentId, address account) public view returns (bool) {
        Seat memory seat = _seats[account];
        if (seat.departmentId != departmentId || departmentId == 0) return false;
        // The seat mirrors the manager exactly: the manager calls this directory's hooks on every grant and
        // revoke of a department role, before it changes anything. `from` honours a grant delay.
        return seat.from <= Time.timestamp() && _departments[departmentId].activeSince != 0;
    }

    /// @inheritdoc IDepartmentDirectory
    function actingDepartmentOf(address account) external view returns (uint32) {
        uint32 departmentId = _seats[account].departmentId;
        return isOfficial(departmentId, account) ? departmentId : 0;
    }

    /// @inheritdoc IDepartmentDirectory
    function isHead(uint32 departmentId, address account) public view returns (bool) {
        return _seats[account].head && isOfficial(departmentId, account);
    }

    /// @inheritdoc IDepartmentDirectory
    function wasOfficialAt(uint32 departmentId, address account, uint48 timestamp) external view returns (bool) {
        if (!wasActiveAt(departmentId, timestamp)) return false;
        // The current seat is the open appointment at `seat.index` ([from, until = 0) in that department):
        // one slot, where the history costs two (its length and the entry). Only a miss reads the history.
        // (Department 0 never has a seat: wasActiveAt refused it above.)
        Seat memory seat = _seats[account];
        if (seat.departmentId == departmentId && seat.from <= timestamp) return true;
        Appointment[] storage history = _appointments[account];
        for (uint256 i = history.length; i > 0; --i) {
            Appointment storage a = history[i - 1];
            if (a.departmentId == departmentId && _contains(a.from, a.until, timestamp)) return true;
        }
        return false;
    }

    /// @inheritdoc IDepartmentDirectory
    function wasActiveAt(uint32 departmentId, uint48 timestamp) public view returns (bool) {
        // The current period, if any, is [activeSince, now]: one slot instead of the list's length and entry.
        uint48 since = _departments[departmentId].activeSince;
        if (since != 0 && since <= timestamp) return true;
        ActivePeriod[] storage periods = _activePeriods[departmentId];
        for (uint256 i = periods.length; i > 0; --i) {
            ActivePeriod storage p = periods[i - 1];
            if (_contains(p.from, p.until, timestamp)) return true;
            // Periods are in time order and do not overlap: nothing earlier can contain it.
            if (p.from <= timestamp) return false;
        }
        return false;
    }

    /// @inheritdoc IDepartmentDirectory
    function seatOf(address account) external view returns (uint32 departmentId, bool head) {
        Seat memory seat = _seats[account];
        return (seat.departmentId, seat.head);
    }

    /// @inheritdoc IDepartmentDirectory
    function appointmentsOf(address account) external view returns (Appointment[] memory) {
        return _appointments[account];
    }

    /// @inheritdoc IDepartmentDirectory
    function activePeriodsOf(uint32 departmentId) external view returns (ActivePeriod[] memory) {
        _record(departmentId);
        return _activePeriods[departmentId];
    }

    // ===== DEPARTMENT VIEWS =====

    /// @inheritdoc IDepartmentDirectory
    function department(uint32 departmentId) public view returns (Department memory) {
        DepartmentRecord storage r = _record(departmentId);
        return
            Department({
                id: departmentId,
                code: r.code,
                nameZh: r.nameZh,
                nameEn: r.nameEn,
                metadataURI: r.metadataURI,
                active: r.activeSince != 0,
                registeredAt: r.registeredAt,
                head: r.head,
                treasury: r.treasury,
                officialCount: _officials[departmentId].length()
            });
    }

    /// @inheritdoc IDepartmentDirectory
    function departmentByCode(string calldata code) external view returns (Department memory) {
        uint32 departmentId = _idByCode[keccak256(bytes(code))];
        if (departmentId == 0) revert DirectoryUnknownCode(code);
        return department(departmentId);
    }

    /// @inheritdoc IDepartmentDirectory
    function treasuryOf(uint32 departmentId) external view returns (address) {
        return _record(departmentId).treasury;
    }

    /// @inheritdoc IDepartmentDirectory
    function isActive(uint32 departmentId) external view returns (bool) {
        return _departments[departmentId].activeSince != 0;
    }

    /// @inheritdoc IDepartmentDirectory
    function departmentCount() external view returns (uint32) {
        return _departmentCount;
    }

    /// @inheritdoc IDepartmentDirectory
    function listDepartments(uint256 offset, uint256 limit) external view returns (Department[] memory page) {
        uint256 n = _pageLength(_departmentCount, offset, limit);
        page = new Department[](n);
        for (uint256 i = 0; i < n; ++i) {
            page[i] = department(uint32(offset + i + 1));
        }
    }

    /// @inheritdoc IDepartmentDirectory
    function officialsOf(
        uint32 departmentId,
        uint256 offset,
        uint256 limit
    ) external view returns (address[] memory page) {
        _record(departmentId);
        EnumerableSet.AddressSet storage set = _officials[departmentId];
        uint256 n = _pageLength(set.length(), offset, limit);
        page = new address[](n);
        for (uint256 i = 0; i < n; ++i) {
            page[i] = set.at(offset + i);
        }
    }

    /// @inheritdoc IDepartmentDirectory
    function headRole(uint32 departmentId) external pure returns (uint64) {
        return DepartmentRoles.headRole(departmentId);
    }

    /// @inheritdoc IDepartmentDirectory
    function officialRole(uint32 departmentId) external pure returns (uint64) {
        return DepartmentRoles.officialRole(departmentId);
    }

    // ===== INTERNAL =====

    function _onlyManager() private view {
        if (msg.sender != authority()) revert DirectoryUnauthorizedHook(msg.sender);
    }

    /// @dev Reverts if `account` holds, or has been granted with a delay, a platform role.
    function _requireNoPlatformRole(address account) private view {
        IAccessManager manager = IAccessManager(authority());
        (uint48 adminSince, , , ) = manager.getAccess(DepartmentRoles.ADMIN_ROLE, account);
        if (adminSince != 0) revert DirectoryPlatformRoleHolder(account, DepartmentRoles.ADMIN_ROLE);
        (uint48 guardianSince, , , ) = manager.getAccess(DepartmentRoles.GUARDIAN_ROLE, account);
        if (guardianSince != 0) revert DirectoryPlatformRoleHolder(account, DepartmentRoles.GUARDIAN_ROLE);
    }

    function _record(uint32 departmentId) private view returns (DepartmentRecord storage record) {
        record = _departments[departmentId];
        if (record.registeredAt == 0) revert DirectoryUnknownDepartment(departmentId);
    }

    function _validateCode(string calldata code) private pure {
        if (bytes(code).length == 0) revert DirectoryEmptyCode();
        if (!Codes.isValid(code)) revert DirectoryInvalidCode(code);
    }

    function _requireName(
        string memory code,
        string calldata nameZh,
        string calldata nameEn,
        string calldata metadataURI
    ) private pure {
        if (bytes(nameZh).length == 0 && bytes(nameEn).length == 0 && bytes(metadataURI).length == 0) {
            revert DirectoryMissingName(code);
        }
    }

    function _pageLength(uint256 total, uint256 offset, uint256 limit) private pure returns (uint256) {
        if (!Pagination.isValidLimit(limit, _MAX_PAGE)) revert DirectoryInvalidLimit(limit, _MAX_PAGE);
        return Pagination.pageLength(total, offset, limit);
    }

    /// @dev Half-open interval [from, until); until == 0 means still open.
    function _contains(uint48 from, uint48 until, uint48 t) private pure returns (bool) {
        return from <= t && (until == 0 || t < until);
    }
}
