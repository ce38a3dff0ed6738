import { createContext, useContext, useState, type ReactNode } from 'react';

export interface CartLine {
  productId: string;
  name: string;
  quantity: number;
}

interface Cart {
  lines: CartLine[];
  add(line: Omit<CartLine, 'quantity'>): void;
  setQuantity(productId: string, quantity: number): void;
  clear(): void;
}

const CartContext = createContext<Cart | undefined>(undefined);

/** The customer's cart, kept in the page (the server prices it with `quote`; nothing is stored until the order). */
export function CartProvider({ children }: { children: ReactNode }) {
  const [lines, setLines] = useState<CartLine[]>([]);
  const cart: Cart = {
    lines,
    add: (line) =>
      setLines((current) =>
        current.some((entry) => entry.productId === line.productId)
          ? current.map((entry) => (entry.productId === line.productId ? { ...entry, quantity: entry.quantity + 1 } : entry))
          : [...current, { ...line, quantity: 1 }],
      ),
    setQuantity: (productId, quantity) =>
      setLines((current) =>
        quantity <= 0
          ? current.filter((entry) => entry.productId !== productId)
          : current.map((entry) => (entry.productId === productId ? { ...entry, quantity } : entry)),
      ),
    clear: () => setLines([]),
  };
  return <CartContext.Provider value={cart}>{children}</CartContext.Provider>;
}

export function useCart(): Cart {
  const cart = useContext(CartContext);
  if (!cart) throw new Error('useCart outside CartProvider');
  return cart;
}
