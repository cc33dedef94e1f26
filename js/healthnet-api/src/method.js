// How every `healthnet_*` method is declared to polkadot-js: its parameters in the node's
// order, the optional block to read at last, and the registered type its JSON answer decodes
// into.

/** A required parameter. */
export function param(name, type) {
	return { name, type };
}

/**
 * A parameter that may be left out at the end of the call or given as `null`. Its type is an
 * `Option`, so that an `undefined` in the middle of the arguments is sent as JSON `null`
 * (the node's `None`) rather than as a zero.
 */
export function optional(name, type) {
	return { isOptional: true, name, type: `Option<${type}>` };
}

/**
 * A method's definition. Every method takes, last, the hash of the block to read at (the best
 * block when left out). It is not marked `isHistoric`: the answers decode into the types
 * below, which do not change with the runtime, so polkadot-js need not fetch the metadata of
 * that block first.
 */
export function method(description, params, type) {
	return { description, params: [...params, optional('at', 'BlockHash')], type };
}
