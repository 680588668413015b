// Written by `npm run train:edge` (scripts/talktime/train-edge.ts); do not edit by hand.
/** The edge judge's logistic model: standardised features (x − mean) / scale, weights, bias. */
export const EDGE_WEIGHTS = {
  means: [1.538755, 8.189324, 19.138351, 12.293438, 10.600867, 13.314308],
  scales: [0.661517, 3.718537, 13.517571, 5.422303, 4.74617, 9.165152],
  weights: [1.360237, 0.884734, -0.589825, 0.398927, -0.668388, 1.026981],
  bias: 4.108132,
} as const;
