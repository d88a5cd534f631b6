// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {IDepartmentRoleHook} from "./IDepartmentRoleHook.sol";

/// @title IDepartmentDirectory
/// @notice The platform's register of departments, their heads and officials, with the full history of
/// appointments so that "was this account an official of this department at time T" has an answer for
/// every past T. Who may appoint whom is decided by the AccessManager (see DepartmentRoles); the
/// directory validates appointments, records them and answers the department-scoped questions that
/// every other govchain contract asks.
interface IDepartmentDirectory is IDepartmentRoleHook {
    // ===== TYPES =====

    /// @notice A department as the directory reports it.
    /// @param id the department's id (1, 2, ...).
    /// @param code its unique code, 2 to 16 characters of A-Z, 0-9, '-' and '_' (e.g. "SAMR").
    /// @param nameZh its Chinese name.
    /// @param nameEn its English name.
    /// @param metadataURI where more about it is published (may be empty).
    /// @param active whether its head and officials can act now.
    /// @param registeredAt when it was registered.
    /// @param head its current head, or the zero address.
    /// @param treasury the account that funds its tenders and receives its refunds (zero until the head sets it).
    /// @param officialCount how many officials (not counting the head) it has now.
    struct Department {
        uint32 id;
        string code;
        string nameZh;
        string nameEn;
        string metadataURI;
        bool active;
        uint48 registeredAt;
        address head;
        address treasury;
        uint256 officialCount;
    }

    /// @notice One period during which an account served a department. `until == 0`: still serving.
    /// The interval is half-open: the account served at every time T with `from <= T < until`.
    /// @param departmentId the department served.
    /// @param head whether as head (otherwise as official).
    /// @param from when the appointment took effect (never before the block that granted it).
    /// @param until when it ended, or 0 while it lasts.
    /// @param appointedBy who granted it (the administrator for a head, the head for an official).
    struct Appointment {
        uint32 departmentId;
        bool head;
        uint48 from;
        uint48 until;
        address appointedBy;
    }

    /// @notice One period during which a department was active. `until == 0`: active now.
    /// @param from when the period began (registration or reactivation).
    /// @param until when it ended (deactivation), or 0 while it lasts.
    struct ActivePeriod {
        uint48 from;
        uint48 until;
    }

    // ===== EVENTS =====

    /// @notice A department was registered.
    /// @param departmentId its new id.
    /// @param code its unique, permanent code.
    /// @param nameZh its Chinese name.
    /// @param nameEn its English name.
    /// @param metadataURI where more about it is published (may be empty).
    /// @param headRole the access-manager role its head holds.
    /// @param officialRole the access-manager role its officials hold.
    event DepartmentRegistered(
        uint32 indexed departmentId,
        string code,
        string nameZh,
        string nameEn,
        string metadataURI,
        uint64 headRole,
        uint64 officialRole
    );
    /// @notice A department's names or metadata URI changed (its code never changes).
    /// @param departmentId the department.
    /// @param nameZh its new Chinese name.
    /// @param nameEn its new English name.
    /// @param metadataURI its new metadata URI.
    event DepartmentUpdated(uint32 indexed departmentId, string nameZh, string nameEn, string metadataURI);
    /// @notice A department was deactivated: none of its head or officials can act from now on.
    /// @param departmentId the department.
    event DepartmentDeactivated(uint32 indexed departmentId);
    /// @notice A department was reactivated: its serving head and officials can act again.
    /// @param departmentId the department.
    event DepartmentReactivated(uint32 indexed departmentId);
    /// @notice `account` became head of `departmentId` with effect from `since`.
    /// @param departmentId the department.
    /// @param account the new head.
    /// @param appointedBy the administrator who appointed them (or the manager executing a scheduled grant).
    /// @param since when the appointment takes effect.
    event HeadAppointed(uint32 indexed departmentId, address indexed account, address indexed appointedBy, uint48 since);
    /// @notice `account` stopped being head of `departmentId`.
    /// @param departmentId the department.
    /// @param account the former head.
    /// @param removedBy who removed them (the administrator, or the head themself on renouncing).
    event HeadRemoved(uint32 indexed departmentId, address indexed account, address indexed removedBy);
    /// @notice `account` became an official of `departmentId` with effect from `since`.
    /// @param departmentId the department.
    /// @param account the new official.
    /// @param appointedBy the head who appointed them.
    /// @param since when the appointment takes effect.
    event OfficialAppointed(
        uint32 indexed departmentId,
        address indexed account,
        address indexed appointedBy,
        uint48 since
    );
    /// @notice `account` stopped being an official of `departmentId`.
    /// @param departmentId the department.
    /// @param account the former official.
    /// @param removedBy who removed them (the head, or the official themself on renouncing).
    event OfficialRemoved(uint32 indexed departmentId, address indexed account, address indexed removedBy);
    /// @notice The head `setBy` named `treasury` as the account that funds `departmentId`'s tenders and
    /// receives its refunds, leftovers and forfeited bonds.
    /// @param departmentId the department.
    /// @param treasury its new treasury account.
    /// @param setBy the head who set it.
    event TreasurySet(uint32 indexed departmentId, address indexed treasury, address indexed setBy);

    // ===== ERRORS =====

    /// @notice A department code must not be empty.
    error DirectoryEmptyCode();
    /// @notice A code is 2 to 16 characters of A-Z, 0-9, '-' and '_'.
    error DirectoryInvalidCode(string code);
    /// @notice Another department already uses `code`.
    error DirectoryDuplicateCode(string code, uint32 departmentId);
    /// @notice A department needs a Chinese name, an English name or a metadata URI.
    error DirectoryMissingName(string code);
    /// @notice No department has id `departmentId`.
    error DirectoryUnknownDepartment(uint32 departmentId);
    /// @notice No department has code `code`.
    error DirectoryUnknownCode(string code);
    /// @notice The department is inactive, so no official can be appointed to it (a head can).
    error DirectoryDepartmentInactive(uint32 departmentId);
    /// @notice The department already has the requested active flag.
    error DirectoryDepartmentStatusUnchanged(uint32 departmentId, bool active);
    /// @notice The zero address cannot serve.
    error DirectoryZeroAddress();
    /// @notice `account` already serves `departmentId` (as head if `head`). One account holds one seat
    /// in one department at a time.
    error DirectoryAlreadyServing(address account, uint32 departmentId, bool head);
    /// @notice The department already has a head: remove them first.
    error DirectoryHeadAlreadyAppointed(uint32 departmentId, address head);
    /// @notice `account` does not hold the seat that was to be removed.
    error DirectoryNotServing(address account, uint32 departmentId, bool head);
    /// @notice Only the access manager that governs this directory may call the role hooks.
    error DirectoryUnauthorizedHook(address caller);
    /// @notice The pagination limit must be between 1 and `max`.
    error DirectoryInvalidLimit(uint256 limit, uint256 max);
    /// @notice An appointment cannot take effect before the block that grants it (`since` is earlier than
    /// `grantedAt`): the history of who served when can only grow forward.
    error DirectoryBackdatedAppointment(address account, uint48 since, uint48 grantedAt);
    /// @notice Separation of duties: `account` holds (or was granted with a delay) platform role `roleId`
    /// (0: administrator, 1: guardian) and so cannot hold a department seat.
    error DirectoryPlatformRoleHolder(address account, uint64 roleId);
    /// @notice Only the serving head of `departmentId` may do this, and `caller` is not.
    error DirectoryNotHead(uint32 departmentId, address caller);
    /// @notice `treasury` is already the department's treasury.
    error DirectoryTreasuryUnchanged(uint32 departmentId, address treasury);

    // ===== ADMINISTRATION (restricted to the platform administrator) =====

    /// @notice Registers a department. Its code is unique and never changes. Administrator only.
    /// Errors: DirectoryEmptyCode, DirectoryInvalidCode, DirectoryDuplicateCode, DirectoryMissingName.
    /// @param code 2 to 16 characters of A-Z, 0-9, '-' and '_' (e.g. "SAMR").
    /// @param nameZh the Chinese name.
    /// @param nameEn the English name.
    /// @param metadataURI where more about the department is published (may be empty if a name is given).
    /// @return departmentId the new department's id (1, 2, ...).
    function registerDepartment(
        string calldata code,
        string calldata nameZh,
        string calldata nameEn,
        string calldata metadataURI
    ) external returns (uint32 departmentId);

    /// @notice Changes a department's names and metadata URI. Administrator only.
    /// Errors: DirectoryUnknownDepartment, DirectoryMissingName.
    /// @param departmentId the department.
    /// @param nameZh the new Chinese name.
    /// @param nameEn the new English name.
    /// @param metadataURI the new metadata URI.
    function updateDepartment(
        uint32 departmentId,
        string calldata nameZh,
        string calldata nameEn,
        string calldata metadataURI
    ) external;

    /// @notice Deactivates (`false`) or reactivates (`true`) a department. While inactive, none of its head
    /// and officials count as serving anywhere; appointments are kept, so reactivation restores them.
    /// Administrator only. Errors: DirectoryUnknownDepartment, DirectoryDepartmentStatusUnchanged.
    /// @param departmentId the department.
    /// @param active the new state.
    function setDepartmentActive(uint32 departmentId, bool active) external;

    // ===== DEPARTMENT HEADS =====

    /// @notice Names the account that funds `departmentId`'s tenders (it approves the escrow for the budget)
    /// and receives every refund, leftover and forfeited bond of them. Only the department's serving head.
    /// Errors: DirectoryUnknownDepartment, DirectoryNotHead, DirectoryZeroAddress, DirectoryTreasuryUnchanged.
    /// @param departmentId the head's department.
    /// @param treasury the treasury account (e.g. the department's finance multisig).
    function setTreasury(uint32 departmentId, address treasury) external;

    // ===== VIEWS =====

    /// @notice The treasury account of a department. Error: DirectoryUnknownDepartment.
    /// @param departmentId the department.
    /// @return the treasury, or the zero address while none is set.
    function treasuryOf(uint32 departmentId) external view returns (address);

    /// @notice Whether `account` can act for `departmentId` now: the department is active and the account
    /// holds its head or official role in the manager (with effect now).
    /// @param departmentId the department.
    /// @param account the account asked about.
    /// @return whether it can act for the department now.
    function isOfficial(uint32 departmentId, address account) external view returns (bool);

    /// @notice The department `account` can act for now (head or official of an active department), or 0.
    /// One call for contracts that need both "is this an official" and "of which department".
    /// @param account the account asked about.
    /// @return departmentId its department, or 0 if it cannot act for any.
    function actingDepartmentOf(address account) external view returns (uint32 departmentId);

    /// @notice Whether `account` is the head of the active department `departmentId` now.
    /// @param departmentId the department.
    /// @param account the account asked about.
    /// @return whether it is the serving head.
    function isHead(uint32 departmentId, address account) external view returns (bool);

    /// @notice Whether `account` could act for `departmentId` at `timestamp`: the account was appointed
    /// (head or official) and the department was active at that time. Removing an official later never
    /// changes the answer for a time when they served, and no appointment starts before it was granted.
    /// @param departmentId the department.
    /// @param account the account asked about.
    /// @param timestamp the time asked about (seconds since 1970).
    /// @return whether it could act for the department at that time.
    function wasOfficialAt(uint32 departmentId, address account, uint48 timestamp) external view returns (bool);

    /// @notice The seat `account` holds now, ignoring the department's active flag.
    /// @param account the account asked about.
    /// @return departmentId its department, or 0 if none.
    /// @return head whether it is the department's head.
    function seatOf(address account) external view returns (uint32 departmentId, bool head);

    /// @notice Every appointment `account` ever held, oldest first.
    /// @param account the account asked about.
    /// @return its appointments.
    function appointmentsOf(address account) external view returns (Appointment[] memory);

    /// @notice The periods during which a department was active, oldest first.
    /// Error: DirectoryUnknownDepartment.
    /// @param departmentId the department.
    /// @return its active periods.
    function activePeriodsOf(uint32 departmentId) external view returns (ActivePeriod[] memory);

    /// @notice Whether a department was active at `timestamp`.
    /// @param departmentId the department.
    /// @param timestamp the time asked about.
    /// @return whether it was active then.
    function wasActiveAt(uint32 departmentId, uint48 timestamp) external view returns (bool);

    /// @notice A department by id. Error: DirectoryUnknownDepartment.
    /// @param departmentId the department.
    /// @return the department.
    function department(uint32 departmentId) external view returns (Department memory);

    /// @notice A department by code. Error: DirectoryUnknownCode.
    /// @param code its code, e.g. "SAMR".
    /// @return the department.
    function departmentByCode(string calldata code) external view returns (Department memory);

    /// @notice Whether a department is registered and active.
    /// @param departmentId the department.
    /// @return whether it is active.
    function isActive(uint32 departmentId) external view returns (bool);

    /// @notice How many departments are registered. Ids run from 1 to this number.
    /// @return the number of departments.
    function departmentCount() external view returns (uint32);

    /// @notice Up to `limit` departments, starting with the `offset`-th (0-based), in id order.
    /// Error: DirectoryInvalidLimit.
    /// @param offset how many to skip.
    /// @param limit at most how many to return (1 to 200).
    /// @return the page of departments.
    function listDepartments(uint256 offset, uint256 limit) external view returns (Department[] memory);

    /// @notice Up to `limit` current officials of a department (not its head), from the `offset`-th.
    /// Errors: DirectoryUnknownDepartment, DirectoryInvalidLimit.
    /// @param departmentId the department.
    /// @param offset how many to skip.
    /// @param limit at most how many to return (1 to 200).
    /// @return the page of officials.
    function officialsOf(uint32 departmentId, uint256 offset, uint256 limit) external view returns (address[] memory);

    /// @notice The manager role held by the head of a department.
    /// @param departmentId the department.
    /// @return the role id.
    function headRole(uint32 departmentId) external pure returns (uint64);

    /// @notice The manager role held by the officials of a department.
    /// @param departmentId the department.
    /// @return the role id.
    function officialRole(uint32 departmentId) external pure returns (uint64);
}
