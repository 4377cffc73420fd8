import { AttributeValue, Attributes } from "../common/Attributes.cjs";
//#region src/trace/attributes.d.ts
/**
 * @deprecated please use {@link Attributes}
 * @since 1.0.0
 */
type SpanAttributes = Attributes;
/**
 * @deprecated please use {@link AttributeValue}
 * @since 1.0.0
 */
type SpanAttributeValue = AttributeValue;
//#endregion
export { SpanAttributeValue, SpanAttributes };
//# sourceMappingURL=attributes.d.cts.map