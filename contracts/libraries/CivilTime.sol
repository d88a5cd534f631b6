// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.24;

/// @title CivilTime
/// @notice The proleptic Gregorian year of a Unix time (Howard Hinnant's civil_from_days).
library CivilTime {
    /// @param timestamp seconds since 1970-01-01T00:00:00, already shifted to the wanted time zone.
    function yearOf(int256 timestamp) internal pure returns (uint16) {
        // Days since the epoch, rounded down (Solidity's `/` rounds toward zero, wrong before 1970).
        int256 days_ = timestamp / 86400;
        if (timestamp % 86400 < 0) --days_;
        int256 z = days_ + 719468;
        int256 era = (z >= 0 ? z : z - 146096) / 146097;
        int256 doe = z - era * 146097;
        int256 yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        int256 y = yoe + era * 400;
        int256 doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        int256 mp = (5 * doy + 2) / 153;
        int256 m = mp < 10 ? mp + 3 : mp - 9;
        // Callers pass block times: the year fits a uint16 until the year 65535.
        return uint16(uint256(m <= 2 ? y + 1 : y));
    }
}
