// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title Vm
/// @notice The subset of the Foundry-compatible cheatcodes that govchain's Solidity tests use. Hardhat 3
/// (EDR) answers calls to the cheatcode address `0x7109709ECfa91a80626fF3989D68f67F5b1DD12D`
/// (`address(uint160(uint256(keccak256("hevm cheat code"))))`) made from a test contract, or from any
/// contract a test deploys, such as an invariant handler.
/// @dev forge-std is not available offline, so this file stands in for its `Vm.sol`. Every signature
/// below is copied from Foundry's cheatcode interface and must stay byte-for-byte identical, because the
/// runner dispatches on the function selector. Add a cheatcode here only when a test needs it, and check it
/// is not in Hardhat's list of unsupported cheatcodes. The name `Vm` is the one every Foundry-style test expects.
// solhint-disable-next-line interface-starts-with-i
interface Vm {
    // ===== BLOCK ENVIRONMENT =====

    /// @notice Sets `block.timestamp`. Time only ever moves by a call to this: the runner mines no blocks.
    function warp(uint256 newTimestamp) external;

    /// @notice Sets `block.number`.
    function roll(uint256 newHeight) external;

    /// @notice Sets the balance of `account`.
    function deal(address account, uint256 newBalance) external;

    // ===== STATE SNAPSHOTS =====

    /// @notice Snapshots the whole EVM state (storage, balances, code, block environment) and returns its id.
    function snapshotState() external returns (uint256 snapshotId);

    /// @notice Restores the state of snapshot `snapshotId` (kept for further reverts); false if there is
    /// no such snapshot. Memory of the running test is not part of the state and survives.
    function revertToState(uint256 snapshotId) external returns (bool success);

    // ===== CALLER =====

    /// @notice Makes the next call (only) come from `msgSender`.
    function prank(address msgSender) external;

    /// @notice Makes every following call come from `msgSender`, until `stopPrank`.
    function startPrank(address msgSender) external;

    /// @notice Ends a `startPrank`.
    function stopPrank() external;

    // ===== EXPECTATIONS =====

    /// @notice The next call must revert, with any data.
    function expectRevert() external;

    /// @notice The next call must revert with data starting with `revertData` (a custom error selector
    /// of an error without arguments).
    function expectRevert(bytes4 revertData) external;

    /// @notice The next call must revert with exactly `revertData`, e.g.
    /// `abi.encodeWithSelector(SomeError.selector, arg1, arg2)`.
    function expectRevert(bytes calldata revertData) external;

    /// @notice The next call must emit an event like the one the test emits next. The flags say which
    /// of topics 1 to 3 and the data must match (topic 0, the event signature, always must).
    function expectEmit(bool checkTopic1, bool checkTopic2, bool checkTopic3, bool checkData) external;

    /// @notice As above, and the event must come from `emitter`.
    function expectEmit(
        bool checkTopic1,
        bool checkTopic2,
        bool checkTopic3,
        bool checkData,
        address emitter
    ) external;

    // ===== SIGNING =====

    /// @notice The address of the secp256k1 private key `privateKey` (1 <= privateKey < the curve order).
    function addr(uint256 privateKey) external pure returns (address keyAddr);

    /// @notice Signs `digest` (already hashed, e.g. an EIP-712 digest) with `privateKey`. Pack the parts
    /// as `abi.encodePacked(r, s, v)` for OpenZeppelin's ECDSA / SignatureChecker.
    function sign(uint256 privateKey, bytes32 digest) external pure returns (uint8 v, bytes32 r, bytes32 s);

    // ===== FUZZING =====

    /// @notice Discards the current fuzz input if `condition` is false. Prefer `bound` (see Test) where
    /// an input can be mapped into range: too many discarded inputs fail the test.
    function assume(bool condition) external;

    // ===== DEBUGGING =====

    /// @notice Names `account` in traces and failure output.
    function label(address account, string calldata newLabel) external;
}
