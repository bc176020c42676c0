import { NumberInput, type NumberInputProps } from '@mantine/core';

/**
 * A whole number of verifications or seconds, as every limit and quota field takes it: no
 * decimals, no sign, grouped by thousands unless `grouped` is false (a window in seconds reads
 * better without).
 */
export function CountInput({ grouped = true, ...props }: NumberInputProps & { grouped?: boolean }) {
  return <NumberInput allowDecimal={false} allowNegative={false} thousandSeparator={grouped ? ',' : undefined} {...props} />;
}
