import type { VendorSpec } from '../fakes';
import { FORMS_ON_FIRE } from './formsOnFire';
import { HCSS } from './hcss';
import { HIGHQ } from './highQ';
import { RECRUBO } from './recrubo';

export { FORMS_ON_FIRE, HCSS, HIGHQ, RECRUBO };

/** Every vendor with Create or Update. */
export const VENDORS: VendorSpec[] = [RECRUBO, HCSS, HIGHQ, FORMS_ON_FIRE];
