// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title ReentrantToken
/// @notice An ERC-20 with a transfer hook (like ERC-777 or a malicious token): when armed, every
/// transfer out of `victim` first calls `victim` back with `payload`, and records whether that call
/// succeeded and what it returned. Test only.
contract ReentrantToken is ERC20 {
    address public victim;
    bytes public payload;
    bool public lastCallSucceeded;
    bytes public lastCallResult;
    uint256 public attempts;

    constructor() ERC20("Reentrant Token", "REENT") {}

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }

    function arm(address victim_, bytes calldata payload_) external {
        victim = victim_;
        payload = payload_;
    }

    function _update(address from, address to, uint256 value) internal override {
        if (from == victim && victim != address(0) && payload.length != 0) {
            bytes memory p = payload;
            delete payload; // one attempt per arming
            ++attempts;
            // The point of this mock is an arbitrary call back into the victim.
            // solhint-disable-next-line avoid-low-level-calls
            (lastCallSucceeded, lastCallResult) = victim.call(p);
        }
        super._update(from, to, value);
    }
}
