//#region src/baggage/internal/symbol.d.ts
/**
 * Symbol used to make BaggageEntryMetadata an opaque type
 */
declare const baggageEntryMetadataSymbol: unique symbol;
//#endregion
export { baggageEntryMetadataSymbol };
//# sourceMappingURL=symbol.d.mts.map