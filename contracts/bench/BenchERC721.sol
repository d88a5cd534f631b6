// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {ERC721} from "@openzeppelin/contracts/token/ERC721/ERC721.sol";

/// @title BenchERC721
/// @notice Benchmark peer only (`npm run bench`), never deployed: a plain OpenZeppelin ERC-721 whose
/// mint is `_safeMint`, guarded by one immutable minter as `LicenseToken.mint` is by its registry, so the
/// licence token's mint is compared with the least an ERC-721 mint can cost.
contract BenchERC721 is ERC721 {
    address private immutable _minter;

    error BenchERC721OnlyMinter(address caller);

    constructor(address minter_) ERC721("bench", "BENCH") {
        _minter = minter_;
    }

    function mint(address to, uint256 tokenId) external {
        if (msg.sender != _minter) revert BenchERC721OnlyMinter(msg.sender);
        _safeMint(to, tokenId);
    }
}
