// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title IConsentRegistry
/// @notice Consent-based data sharing between departments (数据共享, 授权使用、全程留痕). A data subject
/// (a citizen's or company's wallet) grants a department access to one category of their data for one
/// purpose until a deadline, and can revoke it at any time. The department records every access against
/// a grant; an access without a valid grant fails. The events are the subject's complete trail: who was
/// allowed what, until when, and every access with its purpose and request reference.
interface IConsentRegistry {
    struct Category {
        string name;
        bool active;
    }

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

    event CategoryRegistered(bytes32 indexed category, string name);
    event CategoryActiveSet(bytes32 indexed category, bool active);
    event ConsentGranted(
        uint256 indexed grantId,
        address indexed subject,
        uint32 indexed departmentId,
        bytes32 category,
        bytes32 purpose,
        uint48 expiresAt
    );
    event ConsentRevoked(uint256 indexed grantId, address indexed subject, uint32 indexed departmentId);
    event DataAccessed(
        uint256 indexed grantId,
        address indexed subject,
        uint32 indexed departmentId,
        address official,
        bytes32 category,
        bytes32 purpose,
        bytes32 requestRef
    );

    error ConsentZeroCategory();
    error ConsentDuplicateCategory(bytes32 category);
    error ConsentUnknownCategory(bytes32 category);
    error ConsentCategoryInactive(bytes32 category);
    error ConsentCategoryStatusUnchanged(bytes32 category, bool active);
    error ConsentUnknownDepartment(uint32 departmentId);
    error ConsentDepartmentInactive(uint32 departmentId);
    error ConsentZeroPurpose();
    error ConsentExpiryInPast(uint48 expiresAt, uint48 now_);
    error ConsentUnknownGrant(uint256 grantId);
    error ConsentNotSubject(uint256 grantId, address caller);
    error ConsentAlreadyRevoked(uint256 grantId);
    error ConsentGrantRevoked(uint256 grantId, uint48 revokedAt);
    error ConsentGrantExpired(uint256 grantId, uint48 expiresAt);
    error ConsentNotOfficial(address caller);
    error ConsentWrongDepartment(uint256 grantId, uint32 grantedTo, uint32 callerDepartment);
    error ConsentWrongCategory(uint256 grantId, bytes32 granted, bytes32 requested);
    error ConsentWrongPurpose(uint256 grantId, bytes32 granted, bytes32 requested);
    error ConsentZeroRequestRef();
    error ConsentInvalidLimit(uint256 limit, uint256 max);

    /// @notice Registers a data category (e.g. "household-register"). Restricted to the administrator.
    function registerCategory(bytes32 category, string calldata name) external;

    /// @notice Opens or closes a category for new grants. Restricted to the administrator.
    function setCategoryActive(bytes32 category, bool active) external;

    /// @notice The caller (data subject) allows `departmentId` to access `category` for `purpose` until
    /// `expiresAt` (exclusive).
    function grant(uint32 departmentId, bytes32 category, bytes32 purpose, uint48 expiresAt)
        external
        returns (uint256 grantId);

    /// @notice The subject withdraws a grant, with effect at once.
    function revoke(uint256 grantId) external;

    /// @notice An official of the granted department records an access to the subject's data.
    /// @param requestRef the department's reference of the request (case number, hash of the query…).
    function recordAccess(uint256 grantId, bytes32 category, bytes32 purpose, bytes32 requestRef) external;

    /// @notice Whether the grant allows an access now.
    function isGrantValid(uint256 grantId) external view returns (bool);

    function getGrant(uint256 grantId) external view returns (Grant memory);

    function grantCount() external view returns (uint256);

    /// @notice Up to `limit` of the subject's grant ids, from the `offset`-th, oldest first.
    function grantsOf(address subject, uint256 offset, uint256 limit) external view returns (uint256[] memory);

    function category(bytes32 category_) external view returns (Category memory);
}
