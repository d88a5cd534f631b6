/** Set by vite.config.ts: whether this build is for the local chain id (and carries the development accounts). */
declare const __GOVCHAIN_DEV_ACCOUNTS__: boolean;
