// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title BenchSlotStore
/// @notice Benchmark peer only (`npm run bench`), never deployed: the call a Safe 2-of-3 executes in
/// the approvals comparison. Each call stores one word under a new key, so it writes a fresh slot.
/// Deliberately no event (unlike the house rule for real contracts): an event would make the peer
/// dearer and the comparison easier to pass.
contract BenchSlotStore {
    mapping(bytes32 key => bytes32 word) private _words;

    function store(bytes32 key, bytes32 word) external {
        _words[key] = word;
    }

    function wordOf(bytes32 key) external view returns (bytes32) {
        return _words[key];
    }
}
