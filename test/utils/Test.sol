// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

import {Strings} from "@openzeppelin/contracts/utils/Strings.sol";

import {Vm} from "./Vm.sol";

/// @title Test
/// @notice A small stand-in for forge-std's `Test` (not available offline): the cheatcodes, assertions
/// that revert on failure, `bound`, `makeAddr`, and the `targetContracts` hook of invariant testing.
/// @dev Hardhat 3 runs every contract in a test file that has a function starting with `test` or
/// `invariant`: `setUp()` first, then each test. A test fails when it reverts, so every assertion here
/// reverts with `AssertionFailed` and a message saying what differed. Unlike forge-std, a failed
/// assertion stops the test at once (there is no `failed()` flag to collect soft failures).
///
/// Invariant tests: functions named `invariant_*` are checked after every call the fuzzer makes to the
/// target contracts. Register targets with `targetContract(address)` in `setUp()`; if none is registered
/// the runner targets every contract `setUp()` deployed. A handler contract may inherit `Test` to use the
/// cheatcodes and assertions, but note that with `invariant.failOnRevert = false` (this project's
/// default) a handler's failed assertion is swallowed as an ordinary revert: set
/// `/// hardhat-config: invariant.failOnRevert = true` on the invariant, or record violations in the
/// handler and assert on them in an `invariant_*` function.
abstract contract Test {
    /// @notice Functions of a contract for the invariant fuzzer to call (as forge-std's StdInvariant).
    struct FuzzSelector {
        address addr;
        bytes4[] selectors;
    }

    /// @notice The cheatcode address, `address(uint160(uint256(keccak256("hevm cheat code"))))`.
    address internal constant VM_ADDRESS = 0x7109709ECfa91a80626fF3989D68f67F5b1DD12D;

    // solhint-disable-next-line const-name-snakecase
    Vm internal constant vm = Vm(VM_ADDRESS);

    address[] private _targetedContracts;
    FuzzSelector[] private _targetedSelectors;

    /// @notice An assertion failed; `reason` says which and with what values.
    error AssertionFailed(string reason);

    // ===== INVARIANT TARGETS =====

    /// @notice The contracts the invariant fuzzer calls (read by the runner, as with forge-std's
    /// StdInvariant). Empty means every contract deployed in `setUp()`.
    function targetContracts() public view returns (address[] memory) {
        return _targetedContracts;
    }

    /// @notice Adds `target` to the contracts the invariant fuzzer calls. Call it from `setUp()`.
    function targetContract(address target) internal {
        _targetedContracts.push(target);
    }

    /// @notice The functions the invariant fuzzer may call, per target contract (read by the runner, as
    /// with forge-std's StdInvariant). A target with no entry here has all its functions called.
    function targetSelectors() public view returns (FuzzSelector[] memory) {
        return _targetedSelectors;
    }

    /// @notice Restricts the invariant fuzzer to `selector.selectors` of `selector.addr` (a target
    /// contract). Call it from `setUp()`.
    function targetSelector(FuzzSelector memory selector) internal {
        _targetedSelectors.push(selector);
    }

    // ===== ASSERTIONS =====

    /// @notice Fails the test with `message`.
    function fail(string memory message) internal pure {
        revert AssertionFailed(message);
    }

    function assertTrue(bool condition, string memory message) internal pure {
        if (!condition) fail(string.concat(message, ": expected true"));
    }

    function assertFalse(bool condition, string memory message) internal pure {
        if (condition) fail(string.concat(message, ": expected false"));
    }

    /// @notice Fails unless `actual == expected`.
    function assertEq(bool actual, bool expected, string memory message) internal pure {
        if (actual != expected) fail(_diff(message, _str(actual), _str(expected)));
    }

    /// @notice Fails unless `actual == expected`.
    function assertEq(uint256 actual, uint256 expected, string memory message) internal pure {
        if (actual != expected) fail(_diff(message, Strings.toString(actual), Strings.toString(expected)));
    }

    /// @notice Fails unless `actual == expected`.
    function assertEq(address actual, address expected, string memory message) internal pure {
        if (actual != expected) {
            fail(_diff(message, Strings.toHexString(actual), Strings.toHexString(expected)));
        }
    }

    /// @notice Fails unless `actual == expected`.
    function assertEq(bytes32 actual, bytes32 expected, string memory message) internal pure {
        if (actual != expected) {
            fail(_diff(message, Strings.toHexString(uint256(actual), 32), Strings.toHexString(uint256(expected), 32)));
        }
    }

    /// @notice Fails unless `actual` and `expected` are the same string.
    function assertEq(string memory actual, string memory expected, string memory message) internal pure {
        if (keccak256(bytes(actual)) != keccak256(bytes(expected))) fail(_diff(message, actual, expected));
    }

    /// @notice Fails unless `a <= b`.
    function assertLe(uint256 a, uint256 b, string memory message) internal pure {
        if (a > b) fail(string.concat(message, ": ", Strings.toString(a), " > ", Strings.toString(b)));
    }

    /// @notice Fails unless `a >= b`.
    function assertGe(uint256 a, uint256 b, string memory message) internal pure {
        if (a < b) fail(string.concat(message, ": ", Strings.toString(a), " < ", Strings.toString(b)));
    }

    // ===== FUZZING HELPERS =====

    /// @notice Maps any `x` into `[min, max]`: values already in range are kept, others wrap around
    /// (so the fuzzer's edge values such as 0 and max-uint still reach both ends of the range).
    function bound(uint256 x, uint256 min, uint256 max) internal pure returns (uint256) {
        if (min > max) fail("bound: min > max");
        if (x >= min && x <= max) return x;
        uint256 span = max - min;
        if (span == type(uint256).max) return x;
        return min + (x % (span + 1));
    }

    /// @notice A deterministic address for `name`, labelled `name` in traces.
    function makeAddr(string memory name) internal returns (address account) {
        account = address(uint160(uint256(keccak256(bytes(name)))));
        vm.label(account, name);
    }

    // ===== PRIVATE =====

    function _diff(string memory message, string memory actual, string memory expected)
        private
        pure
        returns (string memory)
    {
        return string.concat(message, ": got ", actual, ", expected ", expected);
    }

    function _str(bool b) private pure returns (string memory) {
        return b ? "true" : "false";
    }
}
