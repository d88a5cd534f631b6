// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {AccessManaged} from "@openzeppelin/contracts/access/manager/AccessManaged.sol";

/// @title FixedAuthority
/// @notice AccessManaged with the authority fixed at deployment. Every platform contract answers to the
/// one access manager it was deployed with: `setAuthority` (the manager's `updateAuthority`) reverts, so
/// no administrator can point a contract at another authority, act through it and hand it back.
/// @dev `authority()` reads an immutable instead of storage, which also saves a cold storage read on
/// every `restricted` call.
abstract contract FixedAuthority is AccessManaged {
    /// @notice The access manager of a platform contract is fixed at deployment and never replaced.
    error AuthorityFixed(address authority, address requested);

    address private immutable _manager;

    constructor(address manager) AccessManaged(manager) {
        _manager = manager;
    }

    /// @inheritdoc AccessManaged
    function authority() public view virtual override returns (address) {
        return _manager;
    }

    /// @notice Always reverts with AuthorityFixed: the authority never changes.
    function setAuthority(address newAuthority) public view virtual override {
        revert AuthorityFixed(_manager, newAuthority);
    }
}
