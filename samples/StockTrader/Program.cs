Console.WriteLine("StockTrader");
