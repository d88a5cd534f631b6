// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IConsentRegistry
/// @notice Consent-based data sharing between departments (数据共享, 授权使用、全程留痕). A data subject
/// (a citizen's or company's wallet) grants a department access to one category of their data for one
/// purpose until a deadline, and can revoke it at any time. The department records every access against
/// a grant; an access without a valid grant fails. The events are the subject's complete trail: who was
/// allowed what, until when, and every access with its purpose and request reference.
///
/// Who may do what: the platform administrator registers data categories and opens or closes them; any
/// account grants and revokes its own consents; an acting official (or head) of the granted department
/// records accesses. Every state-changing function goes through the access manager, so the guardian can
/// pause the registry (it then refuses every change with `AccessManagedUnauthorized`, while every view
/// keeps answering).
interface IConsentRegistry {
    /// @notice A category of personal data that can be shared (e.g. "household-register").
    /// @param name its human-readable name ("-" if it was registered without one).
    /// @param active whether new grants for it are accepted (existing grants are not affected).
    struct Category {
        string name;
        bool active;
    }

    /// @notice One consent: `subject` allows `departmentId` to access `category` for `purpose` until
    /// `expiresAt` (exclusive), unless revoked earlier.
    /// @param subject the data subject who granted it (and alone may revoke it).
    /// @param departmentId the department allowed to access the data.
    /// @param grantedAt when it was granted.
    /// @param expiresAt when it ends (exclusive).
    /// @param revokedAt when the subject revoked it (0: not revoked).
    /// @param category the data category.
    /// @param purpose the purpose the access is allowed for (e.g. the hash of "loan-verification").
    /// @param accessCount how many accesses the department recorded under it.
    struct Grant {
        address subject;
        uint32 departmentId;
        uint48 grantedAt;
        uint48 expiresAt;
        uint48 revokedAt;
        bytes32 category;
        bytes32 purpose;
        uint32 accessCount;
    }

    /// @notice The administrator registered a data category.
    /// @param category the category's identifier.
    /// @param name its name as stored.
    event CategoryRegistered(bytes32 indexed category, string name);
    /// @notice The administrator opened (`active`) or closed a category for new grants.
    /// @param category the category.
    /// @param active whether new grants for it are accepted from now on.
    event CategoryActiveSet(bytes32 indexed category, bool active);
    /// @notice A data subject granted a department access to a category of their data.
    /// @param grantId the new grant's id.
    /// @param subject the data subject.
    /// @param departmentId the department allowed.
    /// @param category the data category.
    /// @param purpose the purpose allowed.
    /// @param expiresAt when the grant ends (exclusive).
    event ConsentGranted(
        uint256 indexed grantId,
        address indexed subject,
        uint32 indexed departmentId,
        bytes32 category,
        bytes32 purpose,
        uint48 expiresAt
    );
    /// @notice A data subject revoked a grant, with effect at once.
    /// @param grantId the grant.
    /// @param subject the data subject.
    /// @param departmentId the department that was allowed.
    event ConsentRevoked(uint256 indexed grantId, address indexed subject, uint32 indexed departmentId);
    /// @notice An official recorded an access to a subject's data under a grant.
    /// @param grantId the grant.
    /// @param subject the data subject.
    /// @param departmentId the department that accessed the data.
    /// @param official the official who recorded the access.
    /// @param category the data category accessed.
    /// @param purpose the purpose of the access.
    /// @param requestRef the department's reference of the request.
    event DataAccessed(
        uint256 indexed grantId,
        address indexed subject,
        uint32 indexed departmentId,
        address official,
        bytes32 category,
        bytes32 purpose,
        bytes32 requestRef
    );

    /// @notice A data category needs a non-zero identifier.
    error ConsentZeroCategory();
    /// @notice This data category is already registered.
    /// @param category the category.
    error ConsentDuplicateCategory(bytes32 category);
    /// @notice There is no data category with this identifier.
    /// @param category the identifier that was given.
    error ConsentUnknownCategory(bytes32 category);
    /// @notice This data category is closed for new grants.
    /// @param category the category.
    error ConsentCategoryInactive(bytes32 category);
    /// @notice The category is already open (`active`) or already closed: nothing to change.
    /// @param category the category.
    /// @param active the state that was requested, which it already has.
    error ConsentCategoryStatusUnchanged(bytes32 category, bool active);
    /// @notice There is no department with this id.
    /// @param departmentId the id that was given.
    error ConsentUnknownDepartment(uint32 departmentId);
    /// @notice The department is deactivated, so it cannot be granted access.
    /// @param departmentId the department.
    error ConsentDepartmentInactive(uint32 departmentId);
    /// @notice A grant needs a purpose.
    error ConsentZeroPurpose();
    /// @notice A grant must end in the future.
    /// @param expiresAt the end that was given.
    /// @param now_ the current time.
    error ConsentExpiryInPast(uint48 expiresAt, uint48 now_);
    /// @notice There is no grant with this id.
    /// @param grantId the id that was given.
    error ConsentUnknownGrant(uint256 grantId);
    /// @notice Only the data subject who granted it may revoke a grant.
    /// @param grantId the grant.
    /// @param caller the account that tried.
    error ConsentNotSubject(uint256 grantId, address caller);
    /// @notice The grant is already revoked.
    /// @param grantId the grant.
    error ConsentAlreadyRevoked(uint256 grantId);
    /// @notice The subject revoked this grant: no access can be recorded under it.
    /// @param grantId the grant.
    /// @param revokedAt when it was revoked.
    error ConsentGrantRevoked(uint256 grantId, uint48 revokedAt);
    /// @notice This grant has expired: no access can be recorded under it.
    /// @param grantId the grant.
    /// @param expiresAt when it ended.
    error ConsentGrantExpired(uint256 grantId, uint48 expiresAt);
    /// @notice The caller is not an acting official or head of any active department.
    /// @param caller the account that tried.
    error ConsentNotOfficial(address caller);
    /// @notice The grant allows another department, not the caller's.
    /// @param grantId the grant.
    /// @param grantedTo the department the grant allows.
    /// @param callerDepartment the caller's department.
    error ConsentWrongDepartment(uint256 grantId, uint32 grantedTo, uint32 callerDepartment);
    /// @notice The grant covers another data category.
    /// @param grantId the grant.
    /// @param granted the category the grant covers.
    /// @param requested the category of the access.
    error ConsentWrongCategory(uint256 grantId, bytes32 granted, bytes32 requested);
    /// @notice The grant allows another purpose.
    /// @param grantId the grant.
    /// @param granted the purpose the grant allows.
    /// @param requested the purpose of the access.
    error ConsentWrongPurpose(uint256 grantId, bytes32 granted, bytes32 requested);
    /// @notice An access needs the department's request reference.
    error ConsentZeroRequestRef();
    /// @notice A page holds 1 to `max` grant ids.
    /// @param limit the page size that was given.
    /// @param max the largest page size.
    error ConsentInvalidLimit(uint256 limit, uint256 max);

    /// @notice Registers a data category (e.g. "household-register"). Restricted to the administrator.
    /// Errors: ConsentZeroCategory, ConsentDuplicateCategory.
    /// @param category the category's identifier (e.g. the label hash of its name, lib/hashing.ts).
    /// @param name its human-readable name (stored as "-" if empty).
    function registerCategory(bytes32 category, string calldata name) external;

    /// @notice Opens or closes a category for new grants. Existing grants are not affected. Restricted to
    /// the administrator. Errors: ConsentUnknownCategory, ConsentCategoryStatusUnchanged.
    /// @param category the category.
    /// @param active whether new grants are accepted from now on.
    function setCategoryActive(bytes32 category, bool active) external;

    /// @notice The caller (data subject) allows `departmentId` to access `category` for `purpose` until
    /// `expiresAt` (exclusive). Errors: ConsentUnknownCategory, ConsentCategoryInactive,
    /// ConsentUnknownDepartment, ConsentDepartmentInactive, ConsentZeroPurpose, ConsentExpiryInPast.
    /// @param departmentId the department to allow.
    /// @param category the data category.
    /// @param purpose the purpose allowed.
    /// @param expiresAt when the grant ends (exclusive; in the future).
    /// @return grantId the new grant's id.
    function grant(uint32 departmentId, bytes32 category, bytes32 purpose, uint48 expiresAt)
        external
        returns (uint256 grantId);

    /// @notice The subject withdraws a grant, with effect at once. Errors: ConsentUnknownGrant,
    /// ConsentNotSubject, ConsentAlreadyRevoked.
    /// @param grantId the grant.
    function revoke(uint256 grantId) external;

    /// @notice An official of the granted department records an access to the subject's data. Errors:
    /// ConsentUnknownGrant, ConsentZeroRequestRef, ConsentNotOfficial, ConsentWrongDepartment,
    /// ConsentGrantRevoked, ConsentGrantExpired, ConsentWrongCategory, ConsentWrongPurpose.
    /// @param grantId the grant.
    /// @param category the data category accessed (must be the grant's).
    /// @param purpose the purpose of the access (must be the grant's).
    /// @param requestRef the department's reference of the request (case number, hash of the query…).
    function recordAccess(uint256 grantId, bytes32 category, bytes32 purpose, bytes32 requestRef) external;

    /// @notice Whether the grant allows an access now (it exists, is not revoked and has not expired).
    /// @param grantId the grant.
    /// @return valid whether an access can be recorded under it now.
    function isGrantValid(uint256 grantId) external view returns (bool valid);

    /// @notice The grant with id `grantId`. Errors: ConsentUnknownGrant.
    /// @param grantId the grant.
    /// @return record the grant.
    function getGrant(uint256 grantId) external view returns (Grant memory record);

    /// @notice How many grants were made. Ids run from 1 to this number.
    /// @return count the number of grants.
    function grantCount() external view returns (uint256 count);

    /// @notice Up to `limit` of the subject's grant ids, from the `offset`-th, oldest first. Errors:
    /// ConsentInvalidLimit.
    /// @param subject the data subject.
    /// @param offset how many of the subject's grants to skip.
    /// @param limit the page size (1 to 200).
    /// @return grantIds the page of grant ids (fewer at the end, none past it).
    function grantsOf(address subject, uint256 offset, uint256 limit) external view returns (uint256[] memory grantIds);

    /// @notice The data category `category_`. Errors: ConsentUnknownCategory.
    /// @param category_ the category's identifier.
    /// @return record the category.
    function category(bytes32 category_) external view returns (Category memory record);
}
