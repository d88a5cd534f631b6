// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC20} from "@openzeppelin/contracts/token/ERC20/ERC20.sol";

/// @title TestStablecoin
/// @notice A 2-decimal stand-in for a payment token (e.g. a digital-yuan bridge token) on local chains
/// and in tests. Anyone may mint: never deploy it to a real network.
contract TestStablecoin is ERC20 {
    constructor() ERC20("Test Yuan", "tCNY") {}

    function decimals() public pure override returns (uint8) {
        return 2;
    }

    function mint(address to, uint256 amount) external {
        _mint(to, amount);
    }
}
