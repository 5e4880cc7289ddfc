import type { INodeProperties } from 'n8n-workflow';

import { operationSelector } from '../../../shared/descriptions';
import * as getAll from './getAll';

export const teamDescription: INodeProperties[] = [
	operationSelector('team', [getAll.option], 'getAll'),
];
