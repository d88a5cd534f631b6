// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @dev A sealed bid in one storage word, so that a commit writes a single fresh slot and a reveal
/// rewrites it in place:
///
///   bits   0–191  the first 24 bytes of the commitment until revealed, then the price (ranking key)
///   bits 192–223  sequence of the commitment in its tender (0: no bid)
///   bits 224–239  amendments of the tender seen at commit
///   bit  240      revealed
///   bit  241      disqualified (by an upheld complaint)
///   bit  242      complained (the bidder has filed its one complaint in the tender)
///   bit  243      withdrawn (set alone: the bidder withdrew and has no live bid; a new commit clears it)
///
/// A word that is not zero means the account has bid in the tender (live, revealed or withdrawn): the
/// conflict-of-interest checks read it.
///
/// 192 bits of a keccak hash still bind the bidder: finding two (price, salt) with the same first 24
/// bytes is a 2^96 birthday search.
type PackedBid is uint256;

using PackedBidLib for PackedBid global;

library PackedBidLib {
    uint256 internal constant VALUE_MASK = type(uint192).max;
    /// @dev The largest price a bid stores; a tender's budget is far below it.
    uint256 internal constant MAX_PRICE = type(uint192).max;
    uint256 private constant _SEQUENCE_SHIFT = 192;
    uint256 private constant _AMENDMENTS_SHIFT = 224;
    uint256 private constant _REVEALED = 1 << 240;
    uint256 private constant _DISQUALIFIED = 1 << 241;
    uint256 private constant _COMPLAINED = 1 << 242;
    uint256 private constant _WITHDRAWN = 1 << 243;

    function seal(bytes32 commitment, uint32 sequence_, uint16 amendmentsSeen_) internal pure returns (PackedBid) {
        return
            PackedBid.wrap(
                (uint256(commitment) >> 64) |
                    (uint256(sequence_) << _SEQUENCE_SHIFT) |
                    (uint256(amendmentsSeen_) << _AMENDMENTS_SHIFT)
            );
    }

    /// @dev The bid with its sealed value replaced by `price` (capped at MAX_PRICE) and marked revealed.
    function reveal(PackedBid b, uint256 price) internal pure returns (PackedBid) {
        if (price > MAX_PRICE) price = MAX_PRICE;
        return PackedBid.wrap((PackedBid.unwrap(b) & ~VALUE_MASK) | price | _REVEALED);
    }

    function disqualify(PackedBid b) internal pure returns (PackedBid) {
        return PackedBid.wrap(PackedBid.unwrap(b) | _DISQUALIFIED);
    }

    function markComplained(PackedBid b) internal pure returns (PackedBid) {
        return PackedBid.wrap(PackedBid.unwrap(b) | _COMPLAINED);
    }

    /// @dev What is left of a bid once withdrawn: no live bid (sequence 0), but a record that it existed.
    function withdrawnBid() internal pure returns (PackedBid) {
        return PackedBid.wrap(_WITHDRAWN);
    }

    /// @dev Whether `commitment`'s first 24 bytes are the sealed value (of an unrevealed bid).
    function sealedBy(PackedBid b, bytes32 commitment) internal pure returns (bool) {
        return PackedBid.unwrap(b) & VALUE_MASK == uint256(commitment) >> 64;
    }

    /// @dev The sealed commitment's first 24 bytes before reveal, the price after.
    function value(PackedBid b) internal pure returns (uint256) {
        return PackedBid.unwrap(b) & VALUE_MASK;
    }

    /// @dev (price, sequence) as one number: a larger key ranks later. Unique per bid of a tender.
    function rankKey(PackedBid b) internal pure returns (uint256) {
        return ((PackedBid.unwrap(b) & VALUE_MASK) << 32) | sequence(b);
    }

    function sequence(PackedBid b) internal pure returns (uint32) {
        return uint32(PackedBid.unwrap(b) >> _SEQUENCE_SHIFT);
    }

    function amendmentsSeen(PackedBid b) internal pure returns (uint16) {
        return uint16(PackedBid.unwrap(b) >> _AMENDMENTS_SHIFT);
    }

    function revealed(PackedBid b) internal pure returns (bool) {
        return PackedBid.unwrap(b) & _REVEALED != 0;
    }

    function disqualified(PackedBid b) internal pure returns (bool) {
        return PackedBid.unwrap(b) & _DISQUALIFIED != 0;
    }

    function complained(PackedBid b) internal pure returns (bool) {
        return PackedBid.unwrap(b) & _COMPLAINED != 0;
    }

    function withdrawn(PackedBid b) internal pure returns (bool) {
        return PackedBid.unwrap(b) & _WITHDRAWN != 0;
    }

    /// @dev Whether the account ever bid in the tender (a live, revealed or withdrawn bid).
    function exists(PackedBid b) internal pure returns (bool) {
        return PackedBid.unwrap(b) != 0;
    }
}
