/** The config, as spec.json describes it. */
export interface ShopConfig {
  orders: number;
  start_date: string;
  end_date?: string;
}
